package io.trestle.telemetry.topology;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.config.RegistryConfig;

@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology usageTopology(AggregatorConfig config, RegistryConfig registry) {
        return UsageTopology.build(AggregatorSettings.from(config),
                new UsageTopology.TopicSerdes(avroSerde(registry), avroSerde(registry), avroSerde(registry),
                        avroSerde(registry), avroSerde(registry), avroSerde(registry), avroSerde(registry)),
                Clock.systemUTC());
    }

    /** Apicurio's Avro serde reading into the generated classes, with its default contentId framing. */
    public static <T extends org.apache.avro.specific.SpecificRecord> Serde<T> avroSerde(RegistryConfig registry) {
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(Map.of(
                SerdeConfig.REGISTRY_URL, registry.url(),
                SerdeConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister(),
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        return serde;
    }
}
