package io.trestle.devregistry.compat;

import java.util.List;
import java.util.stream.Collectors;

/** A VALIDITY or COMPATIBILITY rule rejected new content. */
public final class RuleViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<RuleViolation> causes;

    public RuleViolationException(String message, List<RuleViolation> causes) {
        super(message);
        this.causes = List.copyOf(causes);
    }

    public List<RuleViolation> causes() {
        return causes;
    }

    /** Apicurio's {@code detail}: the message followed by the causes, e.g. {@code "… Causes: venue at /fields/3"}. */
    public String detail() {
        if (causes.isEmpty()) {
            return getMessage();
        }
        return getMessage() + " Causes: "
                + causes.stream().map(RuleViolation::readable).collect(Collectors.joining(", "));
    }
}
