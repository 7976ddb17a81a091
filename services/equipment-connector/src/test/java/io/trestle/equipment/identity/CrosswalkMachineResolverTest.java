package io.trestle.equipment.identity;

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

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.kafka.CrosswalkTable;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.master.CrosswalkEntry;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.TopicSpec;

/** The crosswalk as the connector reads it, from a real broker with the registry stand-in. */
class CrosswalkMachineResolverTest {

    @RegisterExtension
    static final TrestleStack STACK = TrestleStack.kafkaAndRegistry();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String topic = "crosswalk-" + UUID.randomUUID();
    private CrosswalkMachineResolver resolver;

    @AfterEach
    void close() throws InterruptedException {
        if (resolver != null) {
            resolver.close();
        }
    }

    @Test
    void machinesResolveByPinOrSerialUnderTheVendorThenByOdoosSerialAndWithdrawnMappingsStopResolving() {
        STACK.createTopics(TopicSpec.compacted(topic, 3));
        send(entry("aemp:trackunit", "equipment", "PIN-7", "17", true));
        send(entry("odoo", "equipment-serial", "CAT0320X01", "18", true));
        send(entry("aemp:trackunit", "equipment", "PIN-9", "task-3", true, "task"));
        resolver = new CrosswalkMachineResolver(
                CrosswalkTable.open(KafkaConnection.plaintext(STACK.bootstrapServers()),
                        RegistryConnection.anonymous(STACK.registryUrl()), topic));

        resolver.start();

        await().atMost(PATIENCE).until(resolver::ready);
        assertThat(resolver.assetOf("aemp:trackunit", machine("PIN-7", null))).contains("17");
        assertThat(resolver.assetOf("aemp:trackunit", machine("unknown", "CAT0320X01")))
                .as("Odoo's own serial number").contains("18");
        assertThat(resolver.assetOf("aemp:other", machine("PIN-7", null))).as("another vendor's PIN").isEmpty();
        assertThat(resolver.assetOf("aemp:trackunit", machine("PIN-9", null))).as("not an equipment mapping").isEmpty();

        send(entry("aemp:trackunit", "equipment", "PIN-7", "17", false));
        send(entry("aemp:trackunit", "equipment", "PIN-8", "19", true));

        await().atMost(PATIENCE).until(() -> resolver.assetOf("aemp:trackunit", machine("PIN-8", null)).isPresent());
        assertThat(resolver.assetOf("aemp:trackunit", machine("PIN-8", null))).contains("19");
        assertThat(resolver.assetOf("aemp:trackunit", machine("PIN-7", null))).as("withdrawn").isEmpty();
    }

    @Test
    void anEmptyCrosswalkIsReadyAtOnceAndResolvesNothing() {
        STACK.createTopics(TopicSpec.compacted(topic, 1));
        resolver = new CrosswalkMachineResolver(
                CrosswalkTable.open(KafkaConnection.plaintext(STACK.bootstrapServers()),
                        RegistryConnection.anonymous(STACK.registryUrl()), topic));

        resolver.start();

        await().atMost(PATIENCE).until(resolver::ready);
        assertThat(resolver.assetOf("aemp:trackunit", machine("PIN-7", "S-1"))).isEmpty();
    }

    private static EquipmentIdentity machine(String pin, String serial) {
        return new EquipmentIdentity("CAT", "320", serial, pin, null);
    }

    private static CrosswalkEntry entry(String system, String entityType, String value, String canonicalId,
            boolean active) {
        return entry(system, entityType, value, canonicalId, active, "equipment");
    }

    private static CrosswalkEntry entry(String system, String entityType, String value, String canonicalId,
            boolean active, String canonicalType) {
        Instant now = Instant.now();
        return CrosswalkEntry.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID()).setSourceSystem("test")
                        .setOccurredAt(now).setIngestedAt(now).setResolvedFrom(List.of()).build())
                .setExternal(new ExternalId(system, entityType, value))
                .setCanonicalType(canonicalType)
                .setCanonicalId(canonicalId)
                .setActive(active)
                .build();
    }

    private void send(CrosswalkEntry entry) {
        String key = entry.getExternal().getSystem() + "|" + entry.getExternal().getEntityType() + "|"
                + entry.getExternal().getValue();
        try (KafkaProducer<String, CrosswalkEntry> producer = STACK.avro().producer()) {
            producer.send(new ProducerRecord<>(topic, key, entry)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
