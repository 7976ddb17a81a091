package io.trestle.odoo.standin.control;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.rpc.CallObserver;

/** Counts every call and fails the model calls a serialization-failure fault picks. */
public final class CountingObserver implements CallObserver {

    private final CallLog log;
    private final FaultState faults;

    public CountingObserver(CallLog log, FaultState faults) {
        this.log = log;
        this.faults = faults;
    }

    @Override
    public void serviceCall(String service, String method) {
        log.increment(service, method);
    }

    @Override
    public void modelCallReceived(String model, String method) {
        log.increment(model, method);
    }

    @Override
    public void beforeModelCall(String model, String method) {
        if (faults.takeSerializationFailure(model, method)) {
            throw OdooError.serializationFailure();
        }
    }
}
