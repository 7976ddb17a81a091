package io.trestle.odoosink.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.AnalyticLineWriter;
import io.trestle.odoosink.service.AnalyticLines;
import io.trestle.schema.cost.CostPosting;

/** Cost postings → {@code account.analytic.line}. */
@ApplicationScoped
class CostPostingInput implements SinkInput<CostPosting, PendingPosting> {

    private final AnalyticLineWriter writer;
    private final SinkConfig config;

    @Inject
    CostPostingInput(AnalyticLineWriter writer, SinkConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public String name() {
        return "cost-posting";
    }

    @Override
    public String topic() {
        return config.topics().costPostings();
    }

    @Override
    public String model() {
        return AnalyticLines.MODEL;
    }

    @Override
    public Class<CostPosting> eventType() {
        return CostPosting.class;
    }

    @Override
    public Schema schema() {
        return CostPosting.getClassSchema();
    }

    @Override
    public PendingPosting consumed(CostPosting event, ConsumerRecord<String, byte[]> record) {
        return new PendingPosting(event, record.topic(), record.partition(), record.offset(), record.key(),
                record.value());
    }

    @Override
    public List<SinkResult> write(List<PendingPosting> batch) {
        return writer.write(batch);
    }
}
