package io.trestle.schedule.export.delivery;

/** Where project files go: the outbox folder or the planner's endpoint. */
public interface DeliveryTarget {

    /** The target in metrics and logs: {@code outbox}, {@code planner}. */
    String name();

    /**
     * Returns once the target has the file.
     *
     * @throws DeliveryException
     *             when it has not; its kind says whether to retry, wait for a person, or quarantine the file
     */
    void deliver(Delivery delivery) throws DeliveryException;
}
