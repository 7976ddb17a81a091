package io.trestle.odoo.client;

/**
 * Where the client reports calls and retries. Kept free of Micrometer types so that the client runs without Micrometer
 * on the class path.
 */
interface CallMetrics {

    CallMetrics NONE = new CallMetrics() {

        @Override
        public void call(String model, String method, String outcome, long nanos) {
        }

        @Override
        public void retry(String model, String method) {
        }
    };

    /**
     * @param outcome
     *            {@code success} or the {@link OdooErrorClass#tag()} of the failure
     */
    void call(String model, String method, String outcome, long nanos);

    void retry(String model, String method);
}
