package io.trestle.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker that authenticates and authorizes like a production cluster: wrong logins fail, ACLs decide the rest. */
class SaslKafkaTest {

    private static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.startWithSasl(Map.of("writer", "writer-secret"));
        kafka.createTopics(TopicSpec.of("sasl-granted", 1), TopicSpec.of("sasl-not-granted", 1));
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "sasl-granted", PatternType.LITERAL),
                    new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void aUserWritesWhereAnAclAllowsItAndNowhereElse() throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka.saslClientConfig("writer"))) {
            assertThat(producer.send(new ProducerRecord<>("sasl-granted", "k", "v")).get(30, TimeUnit.SECONDS)
                    .offset()).isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("sasl-not-granted", "k", "v"))
                    .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, String> wrong = new HashMap<>(kafka.saslClientConfig("writer"));
        wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace("writer-secret", "guessed"));
        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("sasl-granted", "k", "v"))
                    .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void refusesCredentialsOfAnUnknownUser() {
        assertThatThrownBy(() -> kafka.saslClientConfig("nobody")).hasMessageContaining("no SASL user nobody");
    }

    private static KafkaProducer<String, String> producer(Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofSeconds(20).toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
