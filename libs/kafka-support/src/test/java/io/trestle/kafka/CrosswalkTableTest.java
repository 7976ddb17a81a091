package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.master.CrosswalkEntry;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.TopicSpec;

/** The crosswalk as services read it, from a real broker with the registry stand-in. */
class CrosswalkTableTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ExternalId ACTIVITY = new ExternalId("p6", "activity", "HQ-2025:Q1000");
    private static final ExternalId CREW = new ExternalId("p6", "crew", "PILE-CREW");

    private final String topic = "crosswalk-" + UUID.randomUUID();
    private CrosswalkTable table;

    @AfterEach
    void close() throws InterruptedException {
        if (table != null) {
            table.close();
        }
    }

    @Test
    void resolvesActiveMappingsOfTheExpectedKindAndFollowsWithdrawalsAndTombstones() {
        STACK.createTopics(TopicSpec.compacted(topic, 3));
        send(entry(ACTIVITY, "task", "1000", true));
        send(entry(CREW, "crew", "7", true));
        table = CrosswalkTable.open(KafkaConnection.plaintext(STACK.bootstrapServers()),
                RegistryConnection.anonymous(STACK.registryUrl()), topic);

        table.start();

        await().atMost(PATIENCE).until(table::ready);
        assertThat(table.resolve(ACTIVITY, "task")).contains("1000");
        assertThat(table.resolve(ACTIVITY, "equipment")).as("mapped to another kind of entity").isEmpty();
        assertThat(table.resolve(new ExternalId("msproject", "activity", "HQ-2025:Q1000"), "task"))
                .as("another system's id").isEmpty();

        send(entry(ACTIVITY, "task", "1000", false));
        tombstone(CREW);
        ExternalId later = new ExternalId("p6", "crew", "STEEL-CREW");
        send(entry(later, "crew", "8", true));

        await().atMost(PATIENCE).until(() -> table.resolve(later, "crew").isPresent());
        assertThat(table.resolve(ACTIVITY, "task")).as("withdrawn").isEmpty();
        assertThat(table.resolve(CREW, "crew")).as("deleted").isEmpty();
    }

    @Test
    void anEmptyCrosswalkIsReadyAtOnceAndResolvesNothing() {
        STACK.createTopics(TopicSpec.compacted(topic, 1));
        table = CrosswalkTable.open(KafkaConnection.plaintext(STACK.bootstrapServers()),
                RegistryConnection.anonymous(STACK.registryUrl()), topic);

        table.start();

        await().atMost(PATIENCE).until(table::ready);
        assertThat(table.resolve(ACTIVITY, "task")).isEmpty();
    }

    private static CrosswalkEntry entry(ExternalId external, String canonicalType, String canonicalId,
            boolean active) {
        Instant now = Instant.now();
        return CrosswalkEntry.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID()).setSourceSystem("test")
                        .setOccurredAt(now).setIngestedAt(now).setResolvedFrom(List.of()).build())
                .setExternal(external)
                .setCanonicalType(canonicalType)
                .setCanonicalId(canonicalId)
                .setActive(active)
                .build();
    }

    private void send(CrosswalkEntry entry) {
        produce(key(entry.getExternal()), entry);
    }

    private void tombstone(ExternalId external) {
        produce(key(external), null);
    }

    private void produce(String key, CrosswalkEntry entry) {
        try (KafkaProducer<String, CrosswalkEntry> producer = STACK.avro().producer()) {
            producer.send(new ProducerRecord<>(topic, key, entry)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(ExternalId external) {
        return external.getSystem() + "|" + external.getEntityType() + "|" + external.getValue();
    }
}
