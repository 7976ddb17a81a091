package io.trestle.schedule.webhook;

import java.util.List;

import io.trestle.rest.Violation;

/** A webhook body that is not a schedule of the documented shape; every violation is named. */
public class InvalidPlannerScheduleException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidPlannerScheduleException(List<Violation> violations) {
        super(violations.size() + " violation(s), the first: " + violations.get(0).field() + " "
                + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
