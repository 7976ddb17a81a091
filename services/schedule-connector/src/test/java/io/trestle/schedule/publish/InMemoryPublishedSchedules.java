package io.trestle.schedule.publish;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.trestle.schedule.model.ScheduleSnapshot;

/** Published versions held in memory, always ready. */
class InMemoryPublishedSchedules implements PublishedSchedules {

    private final Map<String, PublishedVersion> versions = new ConcurrentHashMap<>();

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Optional<PublishedVersion> find(String sourceSystem, String projectKey) {
        return Optional.ofNullable(versions.get(sourceSystem + "|" + projectKey));
    }

    @Override
    public int size() {
        return versions.size();
    }

    @Override
    public void requireStorable(ScheduleSnapshot snapshot) {
    }

    @Override
    public CompletableFuture<Void> store(PublishedVersion version) {
        versions.put(version.snapshot().sourceSystem() + "|" + version.snapshot().projectKey(), version);
        return CompletableFuture.completedFuture(null);
    }
}
