package io.trestle.kafka;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;

/**
 * The Kafka and registry connections of a service, made once from its configuration, for every client the service
 * builds itself; {@link #REGISTRY_SERDE_CONFIGURATION} hands the same registry settings to the SmallRye channels.
 */
@Singleton
public class ConnectionsProducer {

    /**
     * The name of the map of registry serde settings the channels merge into their configuration: a service sets
     * {@code mp.messaging.connector.smallrye-kafka.kafka-configuration=trestle-registry-serdes}.
     */
    public static final String REGISTRY_SERDE_CONFIGURATION = "trestle-registry-serdes";

    private static final Logger LOG = Logger.getLogger(ConnectionsProducer.class);

    @Produces
    @Singleton
    KafkaConnection kafkaConnection(@Identifier("default-kafka-broker") Map<String, Object> kafkaProperties) {
        KafkaConnection connection = KafkaConnection.fromKafkaProperties(kafkaProperties);
        LOG.infof("Kafka clients connect to %s", connection);
        return connection;
    }

    @Produces
    @Singleton
    RegistryConnection registryConnection(RegistrySettings settings) {
        RegistrySettings.Auth auth = settings.auth();
        RegistryConnection connection = RegistryConnection.of(settings.url().orElse(null), settings.autoRegister(),
                new RegistryConnection.Credentials(auth.username(), auth.password(), auth.tokenEndpoint(),
                        auth.clientId(), auth.clientSecret(), auth.clientScope()),
                settings.tls().truststoreLocation(), settings.tls().truststorePassword(),
                settings.tls().truststoreType());
        LOG.infof("Schema registry: %s", connection);
        return connection;
    }

    @Produces
    @Singleton
    @Identifier(REGISTRY_SERDE_CONFIGURATION)
    Map<String, Object> registrySerdeConfiguration(RegistryConnection registry) {
        return Map.copyOf(registry.serdeConfig());
    }
}
