package io.trestle.odoo.client;

import java.util.function.Function;
import java.util.function.Supplier;

/** Times one logical call (retries and re-authentication included) and reports its outcome. */
final class CallTimer {

    static final String SUCCESS = "success";
    /** The model tag of calls to Odoo's {@code common} service, which has no model. */
    static final String COMMON_SERVICE = "common";

    private final CallMetrics metrics;

    CallTimer(CallMetrics metrics) {
        this.metrics = metrics;
    }

    <T> T time(String model, String method, Supplier<T> call) {
        return time(model, method, call, result -> SUCCESS);
    }

    /**
     * @param outcomeOf
     *            the outcome of a call that returned normally, for results that carry a failure ({@code load})
     */
    <T> T time(String model, String method, Supplier<T> call, Function<T, String> outcomeOf) {
        String modelTag = model == null ? COMMON_SERVICE : model;
        long start = System.nanoTime();
        try {
            T result = call.get();
            metrics.call(modelTag, method, outcomeOf.apply(result), System.nanoTime() - start);
            return result;
        } catch (OdooException e) {
            metrics.call(modelTag, method, e.errorClass().tag(), System.nanoTime() - start);
            throw e;
        }
    }
}
