package io.trestle.telemetry.rest;

import java.util.List;

import io.trestle.rest.Violation;

/** Query parameters that cannot be answered, each with the parameter it concerns; answered with 422. */
class InvalidQuery extends RuntimeException {

    private final transient List<Violation> violations;

    InvalidQuery(List<Violation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return violations;
    }
}
