package io.trestle.operations.topology;

import io.trestle.schema.operations.QuarantinedEvent;

/** Refused input with its quarantine entry: the entry goes to quarantine, the input decides what else is told. */
record Refusal(OperationsInput input, QuarantinedEvent entry) {
}
