package io.trestle.odoo.standin.rpc;

/** Sees the calls the services answer: for counting, and to inject faults into model calls. */
public interface CallObserver {

    /** A call to the {@code common} or {@code db} service, or a web session login. */
    void serviceCall(String service, String method);

    /** A model method call as received, whatever its outcome (a wrong password or a missing right included). */
    void modelCallReceived(String model, String method);

    /**
     * A model call about to run, authenticated and inside its transaction. Throwing an {@code OdooError} fails the call
     * as Odoo would, with nothing written.
     */
    void beforeModelCall(String model, String method);
}
