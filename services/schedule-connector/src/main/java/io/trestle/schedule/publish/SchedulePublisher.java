package io.trestle.schedule.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.diff.ScheduleDiff;
import io.trestle.schedule.mapping.MappedChanges;
import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.mapping.Refusal;
import io.trestle.schedule.mapping.ScheduleEventMapper;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.service.ScheduleMetrics;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Publishes a project's schedule as the events of its changes since the last published version, then stores it as the
 * new published version: only once the broker acknowledged every event and quarantine entry, so a failure in between
 * leaves the old version and the next publish sends the same events under the same ids. Changes the event mapping
 * refuses are quarantined and stay unpublished in the stored version ({@link AsPublished}), so publishing again once
 * they are fixed publishes them. Publishes run one at a time: each reads the version the one before stored.
 */
@ApplicationScoped
public class SchedulePublisher {

    private static final Logger LOG = Logger.getLogger(SchedulePublisher.class);

    private final PublishedSchedules versions;
    private final Crosswalk crosswalk;
    private final EventSink sink;
    private final ZoneId plannerZone;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduleMetrics metrics;

    @Inject
    public SchedulePublisher(PublishedSchedules versions, Crosswalk crosswalk, EventSink sink,
            ScheduleConnectorConfig config, ScheduleMetrics metrics) {
        this(versions, crosswalk, sink, config.plannerZone(), config.publishing().timeout(), Clock.systemUTC(),
                metrics);
    }

    public SchedulePublisher(PublishedSchedules versions, Crosswalk crosswalk, EventSink sink, ZoneId plannerZone,
            Duration timeout, Clock clock, ScheduleMetrics metrics) {
        this.versions = versions;
        this.crosswalk = crosswalk;
        this.sink = sink;
        this.plannerZone = plannerZone;
        this.timeout = timeout;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What publishing would do now, publishing nothing.
     *
     * @param draftId
     *            the draft the schedule comes from: the correlation id of its events
     * @throws NotReadyException
     *             while the published versions or the crosswalk are still being read
     */
    public PublishPlan plan(ScheduleSnapshot schedule, String draftId) {
        requireReady();
        Optional<PublishedVersion> previous = versions.find(schedule.sourceSystem(), schedule.projectKey());
        List<ScheduleChange> changes = ScheduleDiff.between(previous.map(PublishedVersion::snapshot).orElse(null),
                schedule);
        String hash = SnapshotJson.hash(schedule);
        MappedChanges mapped = new ScheduleEventMapper(crosswalk, plannerZone, clock,
                change -> EventIds.of(schedule, hash, change)).map(schedule, changes, draftId);
        Instant now = clock.instant();
        List<QuarantinedEvent> quarantine = mapped.refusals().stream()
                .map(refusal -> QuarantineEntries.refusal(schedule, hash, draftId, refusal, now)).toList();
        return new PublishPlan(schedule, previous, hash, changes, mapped, quarantine);
    }

    /**
     * @throws NotReadyException
     *             while the published versions or the crosswalk are still being read
     * @throws VersionTooLargeException
     *             when the schedule is too large to be stored as a version; nothing was published
     * @throws PublishFailedException
     *             when the broker did not acknowledge everything in time; publish again
     */
    public synchronized PublishOutcome publish(ScheduleSnapshot schedule, String draftId) {
        versions.requireStorable(schedule);
        PublishPlan plan = plan(schedule, draftId);
        if (plan.changes().isEmpty()) {
            return PublishOutcome.of(plan, true);
        }
        List<Publication> publications = new ArrayList<>(plan.mapped().publications());
        plan.quarantine().stream().map(QuarantineEntries::publication).forEach(publications::add);
        String project = schedule.sourceSystem() + ":" + schedule.projectKey();
        await(sink.send(publications), "the broker did not acknowledge every event of " + project);
        List<Refusal> refusals = plan.mapped().refusals();
        ScheduleSnapshot asPublished = AsPublished.of(plan.previous().map(PublishedVersion::snapshot).orElse(null),
                schedule, refusals);
        Instant now = clock.instant();
        await(versions.store(new PublishedVersion(asPublished, draftId, now, refusals.size())),
                "the published version of " + project + " was not stored; its events were published");
        PublishOutcome outcome = PublishOutcome.of(plan, false);
        outcome.published().forEach(metrics::published);
        refusals.forEach(refusal -> metrics.refused(refusal.reasonCode()));
        metrics.publishedAt(now);
        LOG.infof("Published %s revision %s from draft %s: %s, %d change(s) refused", project, schedule.revision(),
                draftId, outcome.published(), refusals.size());
        return outcome;
    }

    private void requireReady() {
        if (!versions.ready()) {
            throw new NotReadyException("the published versions are still being read");
        }
        if (!crosswalk.ready()) {
            throw new NotReadyException("the crosswalk is still being read");
        }
    }

    private void await(CompletableFuture<Void> acknowledged, String failure) {
        try {
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(failure + " (interrupted)", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(failure + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException(failure + " within " + timeout, e);
        }
    }
}
