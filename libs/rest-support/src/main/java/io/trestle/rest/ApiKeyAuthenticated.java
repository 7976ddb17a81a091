package io.trestle.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Binds {@link ApiKeyFilter} to the resources that carry it, so authentication follows the resource wherever its path
 * moves instead of depending on a path prefix. Despite the name, the filter also accepts OIDC bearer tokens where a
 * deployment enables them.
 * <p>
 * The annotation on a method wins over the one on its class, so a class can state the role most of its endpoints need
 * and a method the exception.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiKeyAuthenticated {

    /**
     * The role a client needs: {@link Role#READ} for what only looks (GET, inspection, dry runs), {@link Role#WRITE}
     * for what publishes or changes anything. {@code WRITE} when not stated, so an endpoint that forgets to say fails
     * closed.
     */
    Role value() default Role.WRITE;
}
