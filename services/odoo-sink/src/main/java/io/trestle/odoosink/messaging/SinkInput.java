package io.trestle.odoosink.messaging;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.domain.SinkResult;

/**
 * One topic the sink writes into Odoo: what its events are and how a batch of them is written. The {@link OdooSinkLoop}
 * does the rest (batching, committing after Odoo confirmed, pausing on outages, dead letters, outcomes) the same way
 * for every input.
 *
 * @param <T>
 *            the generated Avro class of the topic's events
 * @param <P>
 *            a consumed event with where it came from
 */
interface SinkInput<T extends SpecificRecord, P extends Consumed> {

    /** Short name for logs, metrics and health, e.g. {@code cost-posting}. */
    String name();

    String topic();

    /** The Odoo model the input writes, named in its outcomes. */
    String model();

    Class<T> eventType();

    Schema schema();

    P consumed(T event, ConsumerRecord<String, byte[]> record);

    /** One result per record of the batch; throws the {@link OdooException}s that are not about the data. */
    List<SinkResult> write(List<P> batch);
}
