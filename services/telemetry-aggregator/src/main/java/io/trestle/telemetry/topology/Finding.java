package io.trestle.telemetry.topology;

/**
 * Something a person has to review: a reading, usage or reservation that is not taken as it came, with a quarantine
 * reason code of the schemas catalogue and an explanation.
 *
 * @param sourceTopic
 *            topic of the input that led to it
 * @param payloadText
 *            what to keep for the review: the input, or the usage it concerns, as JSON
 */
record Finding(String reasonCode, String message, String sourceTopic, String payloadText)
        implements
            UsageOutcome,
            LedgerOutput {
}
