package io.trestle.odoo.standin;

import java.time.Instant;
import java.util.Optional;

/**
 * One HTTP request the stand-in answered.
 *
 * @param model
 *            the model called, or the service ({@code common}, {@code db}, {@code web}) for other calls
 * @param method
 *            the method called
 * @param error
 *            the Odoo error class the call failed with ({@code odoo.exceptions.AccessDenied}…), if it failed
 */
public record LoggedRequest(Instant at, String httpMethod, String path, int status, Optional<String> model,
        Optional<String> method, Optional<String> error) {
}
