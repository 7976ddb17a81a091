package io.trestle.devregistry.compat;

/** A rule needed to understand content that is not a valid schema (Apicurio answers 422). */
public final class UnprocessableSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnprocessableSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
