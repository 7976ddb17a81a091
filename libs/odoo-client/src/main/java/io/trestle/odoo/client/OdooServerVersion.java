package io.trestle.odoo.client;

/**
 * @param serverVersion
 *            e.g. {@code 17.0-20240709}
 * @param major
 *            the first element of {@code server_version_info}, e.g. 17
 * @param serie
 *            e.g. {@code 17.0}
 */
public record OdooServerVersion(String serverVersion, int major, String serie) {
}
