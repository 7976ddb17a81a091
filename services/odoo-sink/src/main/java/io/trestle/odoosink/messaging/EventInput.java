package io.trestle.odoosink.messaging;

import java.util.List;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.domain.SinkResult;

/** A {@link SinkInput} assembled from the parts in which inputs differ. */
final class EventInput<T extends SpecificRecord, P extends Consumed> implements SinkInput<T, P> {

    /** Wraps a decoded event with where it came from; the {@code Pending…} records' constructors fit. */
    @FunctionalInterface
    interface Wrapper<T, P> {

        P wrap(T event, String topic, int partition, long offset, String key, byte[] rawValue);
    }

    private final String name;
    private final String topic;
    private final String model;
    private final Class<T> eventType;
    private final Schema schema;
    private final Wrapper<T, P> wrapper;
    private final Function<List<P>, List<SinkResult>> writer;

    private EventInput(String name, String topic, String model, Class<T> eventType, Schema schema,
            Wrapper<T, P> wrapper, Function<List<P>, List<SinkResult>> writer) {
        this.name = name;
        this.topic = topic;
        this.model = model;
        this.eventType = eventType;
        this.schema = schema;
        this.wrapper = wrapper;
        this.writer = writer;
    }

    static <T extends SpecificRecord, P extends Consumed> EventInput<T, P> of(String name, String topic, String model,
            Class<T> eventType, Schema schema, Wrapper<T, P> wrapper, Function<List<P>, List<SinkResult>> writer) {
        return new EventInput<>(name, topic, model, eventType, schema, wrapper, writer);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Class<T> eventType() {
        return eventType;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public P consumed(T event, ConsumerRecord<String, byte[]> record) {
        return wrapper.wrap(event, record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    @Override
    public List<SinkResult> write(List<P> batch) {
        return writer.apply(batch);
    }
}
