package io.trestle.schedule.publish;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.trestle.schedule.model.ScheduleSnapshot;

/** The last published version of every project, kept durably so a restart does not publish everything again. */
public interface PublishedSchedules {

    /** False until the stored versions were read; publishing earlier would publish every project whole again. */
    boolean ready();

    /**
     * @throws IllegalStateException
     *             when not {@link #ready()}
     */
    Optional<PublishedVersion> find(String sourceSystem, String projectKey);

    /** How many projects have a published version. */
    int size();

    /**
     * @throws VersionTooLargeException
     *             when a version of this snapshot could not be stored, so it must not be published
     */
    void requireStorable(ScheduleSnapshot snapshot);

    /** @return completes when the version is stored durably, exceptionally when it could not be */
    CompletableFuture<Void> store(PublishedVersion version);
}
