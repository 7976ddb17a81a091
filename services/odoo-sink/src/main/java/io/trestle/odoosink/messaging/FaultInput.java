package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingFault;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.BreakdownRequestWriter;
import io.trestle.odoosink.service.BreakdownRequests;
import io.trestle.schema.equipment.FaultReported;

/** Breakdowns → corrective {@code maintenance.request}s, none for a machine whose breakdown is already in hand. */
@ApplicationScoped
class FaultInput implements SinkInput<FaultReported, PendingFault> {

    private final BreakdownRequestWriter writer;
    private final SinkConfig config;

    @Inject
    FaultInput(BreakdownRequestWriter writer, SinkConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public String name() {
        return "fault";
    }

    @Override
    public String topic() {
        return config.topics().faults();
    }

    @Override
    public String model() {
        return BreakdownRequests.MODEL;
    }

    @Override
    public Class<FaultReported> eventType() {
        return FaultReported.class;
    }

    @Override
    public Schema schema() {
        return FaultReported.getClassSchema();
    }

    @Override
    public PendingFault consumed(FaultReported event, ConsumerRecord<String, byte[]> record) {
        return new PendingFault(event, record.topic(), record.partition(), record.offset(), record.key(),
                record.value());
    }

    @Override
    public List<SinkResult> write(List<PendingFault> batch) {
        return writer.write(batch);
    }
}
