package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingWorkOrder;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.MaintenanceRequestWriter;
import io.trestle.odoosink.service.MaintenanceRequests;
import io.trestle.schema.equipment.WorkOrderChanged;

/** Work order changes → {@code maintenance.request}, one request per work order. */
@ApplicationScoped
class WorkOrderInput implements SinkInput<WorkOrderChanged, PendingWorkOrder> {

    private final MaintenanceRequestWriter writer;
    private final SinkConfig config;

    @Inject
    WorkOrderInput(MaintenanceRequestWriter writer, SinkConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public String name() {
        return "work-order";
    }

    @Override
    public String topic() {
        return config.topics().workOrders();
    }

    @Override
    public String model() {
        return MaintenanceRequests.MODEL;
    }

    @Override
    public Class<WorkOrderChanged> eventType() {
        return WorkOrderChanged.class;
    }

    @Override
    public Schema schema() {
        return WorkOrderChanged.getClassSchema();
    }

    @Override
    public PendingWorkOrder consumed(WorkOrderChanged event, ConsumerRecord<String, byte[]> record) {
        return new PendingWorkOrder(event, record.topic(), record.partition(), record.offset(), record.key(),
                record.value());
    }

    @Override
    public List<SinkResult> write(List<PendingWorkOrder> batch) {
        return writer.write(batch);
    }
}
