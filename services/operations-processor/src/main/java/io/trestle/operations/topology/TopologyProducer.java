package io.trestle.operations.topology;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.trestle.operations.config.OperationsConfig;
import io.trestle.operations.config.RegistryConfig;

@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology operationsTopology(OperationsConfig config, RegistryConfig registry) {
        return OperationsTopology.build(OperationsSettings.from(config), serdes(registry));
    }

    public static OperationsTopology.TopicSerdes serdes(RegistryConfig registry) {
        return new OperationsTopology.TopicSerdes(avroSerde(registry), avroSerde(registry), avroSerde(registry),
                avroSerde(registry), avroSerde(registry), avroSerde(registry), avroSerde(registry),
                avroSerde(registry), avroSerde(registry));
    }

    /** Apicurio's Avro serde reading into the generated classes, with its default contentId framing. */
    static <T extends SpecificRecord> Serde<T> avroSerde(RegistryConfig registry) {
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(Map.of(
                SerdeConfig.REGISTRY_URL, registry.url(),
                SerdeConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister(),
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        return serde;
    }
}
