package io.trestle.telemetry.topology;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.RegistryConnection;
import io.trestle.telemetry.config.AggregatorConfig;

@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology usageTopology(AggregatorConfig config, RegistryConnection registry) {
        return UsageTopology.build(AggregatorSettings.from(config), serdes(registry), Clock.systemUTC());
    }

    public static UsageTopology.TopicSerdes serdes(RegistryConnection registry) {
        return new UsageTopology.TopicSerdes(AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry),
                AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry),
                AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry));
    }
}
