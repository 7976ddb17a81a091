package io.trestle.equipment.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.serialization.Serdes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.service.PollPositions;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.StateTopic;

/**
 * The poll positions on a compacted topic of their own ({@link StateTopic}), as small JSON strings in the manner of
 * Kafka Connect's offset topic: key {@code ["<vendor>","<asset>","<element>"]}, value
 * {@code {"publishedUpTo":"2024-03-04T10:14:00Z"}}. They are the pollers' internal state, not events, so they have no
 * schema in the registry.
 * <p>
 * Until the topic is read to its end {@link #ready()} is false and polling waits. A tombstone is how an operator makes
 * a poller forget an asset's position.
 */
public final class KafkaPollPositions implements PollPositions, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Key(String vendor, String asset, String element) {
    }

    private final StateTopic<Key, Instant, String> state;

    /**
     * @param sendTimeout
     *            how long a save may wait for the broker's metadata before it fails
     */
    public KafkaPollPositions(KafkaConnection kafka, String topic, Duration sendTimeout) {
        this.state = StateTopic.builder(kafka, topic, "poll positions",
                "equipment-connector-poll-positions", new Codec(), Serdes.String())
                .untilRead("AEMP polling waits for them").sendTimeout(sendTimeout).build();
    }

    public void start() {
        state.start();
    }

    @Override
    public boolean ready() {
        return state.ready();
    }

    @Override
    public List<Position> load(String vendor) {
        List<Position> positions = new ArrayList<>();
        state.entries().forEach((key, upTo) -> {
            if (key.vendor().equals(vendor)) {
                positions.add(new Position(key.asset(), key.element(), upTo));
            }
        });
        return positions;
    }

    @Override
    public CompletableFuture<Void> save(String vendor, List<Position> positions) {
        return CompletableFuture.allOf(positions.stream()
                .map(position -> state.put(new Key(vendor, position.asset(), position.element()),
                        position.publishedUpTo()))
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        state.close();
    }

    private static final class Codec implements StateTopic.Codec<Key, Instant, String> {

        @Override
        public String writeKey(Key key) {
            return JSON.createArrayNode().add(key.vendor()).add(key.asset()).add(key.element()).toString();
        }

        @Override
        public Optional<Key> readKey(String json) {
            try {
                JsonNode key = JSON.readTree(json);
                if (key.isArray() && key.size() == 3 && key.get(0).isTextual() && key.get(1).isTextual()
                        && key.get(2).isTextual()) {
                    return Optional.of(new Key(key.get(0).asText(), key.get(1).asText(), key.get(2).asText()));
                }
                return Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        @Override
        public String writeValue(Instant publishedUpTo) {
            return JSON.createObjectNode().put("publishedUpTo", publishedUpTo.toString()).toString();
        }

        /** {@code {"publishedUpTo": <instant>}} */
        @Override
        public Instant readValue(String json) throws JsonProcessingException {
            return Instant.parse(JSON.readTree(json).path("publishedUpTo").asText());
        }
    }
}
