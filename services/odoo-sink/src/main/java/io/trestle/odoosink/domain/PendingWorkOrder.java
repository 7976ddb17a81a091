package io.trestle.odoosink.domain;

import io.trestle.schema.equipment.WorkOrderChanged;

/** A consumed work order change with where it came from and its bytes as they were on the topic. */
public record PendingWorkOrder(WorkOrderChanged workOrder, String topic, int partition, long offset, String key,
        byte[] rawValue) implements Consumed {

    @Override
    public String requestId() {
        return workOrder.getWorkOrderId();
    }

    /**
     * One work order changes many times and every change is written, so outcomes are identified by the change event,
     * not by the work order: otherwise the closing's outcome would carry the same event id as the opening's.
     */
    @Override
    public String outcomeKey() {
        return workOrder.getMetadata().getEventId().toString();
    }

    @Override
    public String inputEventId() {
        return workOrder.getMetadata().getEventId().toString();
    }

    @Override
    public String correlationId() {
        return workOrder.getMetadata().getCorrelationId();
    }

    @Override
    public String payloadText() {
        return workOrder.toString();
    }
}
