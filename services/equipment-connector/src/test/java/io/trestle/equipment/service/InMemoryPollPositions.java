package io.trestle.equipment.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Poll positions held in memory, outliving the pollers a test starts over them as a restart would. */
public final class InMemoryPollPositions implements PollPositions {

    private record Key(String vendor, String asset, String element) {
    }

    private final Map<Key, Instant> stored = new ConcurrentHashMap<>();
    private volatile boolean ready = true;
    private volatile boolean failing;
    private volatile int saves;

    public InMemoryPollPositions ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    /** While true, every save fails as an unreachable broker would fail it. */
    public InMemoryPollPositions failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    public Optional<Instant> of(String vendor, String asset, String element) {
        return Optional.ofNullable(stored.get(new Key(vendor, asset, element)));
    }

    public int saves() {
        return saves;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public List<Position> load(String vendor) {
        List<Position> positions = new ArrayList<>();
        stored.forEach((key, upTo) -> {
            if (key.vendor().equals(vendor)) {
                positions.add(new Position(key.asset(), key.element(), upTo));
            }
        });
        return positions;
    }

    @Override
    public CompletableFuture<Void> save(String vendor, List<Position> positions) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("positions store down"));
        }
        saves++;
        positions.forEach(position -> stored.put(new Key(vendor, position.asset(), position.element()),
                position.publishedUpTo()));
        return CompletableFuture.completedFuture(null);
    }
}
