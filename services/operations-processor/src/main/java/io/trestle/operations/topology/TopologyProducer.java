package io.trestle.operations.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.RegistryConnection;
import io.trestle.operations.config.OperationsConfig;

@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology operationsTopology(OperationsConfig config, RegistryConnection registry) {
        return OperationsTopology.build(OperationsSettings.from(config), serdes(registry));
    }

    public static OperationsTopology.TopicSerdes serdes(RegistryConnection registry) {
        return new OperationsTopology.TopicSerdes(AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry),
                AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry),
                AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry), AvroKafka.specificSerde(registry),
                AvroKafka.specificSerde(registry));
    }
}
