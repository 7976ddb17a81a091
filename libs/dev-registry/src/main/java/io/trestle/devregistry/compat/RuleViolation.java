package io.trestle.devregistry.compat;

/**
 * One cause of a rule violation.
 *
 * @param description
 *            for Avro compatibility, Avro's incompatibility message (e.g. the name of a field that has no default)
 * @param context
 *            where in the schema, as a JSON pointer (e.g. {@code /fields/3})
 */
public record RuleViolation(String description, String context) {

    /** The form Apicurio uses inside its messages: {@code "<description> at <context>"}. */
    String readable() {
        return context == null || context.isBlank() ? description : description + " at " + context;
    }
}
