package io.trestle.schedule.drafts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.model.ScheduleFormat;
import io.trestle.schedule.publish.EventSink;
import io.trestle.schedule.publish.QuarantineEntries;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.read.UnreadableScheduleException;
import io.trestle.schedule.service.ScheduleMetrics;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Keeps files the connector cannot read, with a {@code .reason.txt} beside each, and quarantines them: an upload in
 * {@code <data-dir>/rejected/}, a dropped file moved to the drop folder's {@code rejected/}. The file is on disk before
 * its quarantine entry is sent, so a broker that does not answer loses nothing.
 */
@ApplicationScoped
public class RejectedFiles {

    private static final Logger LOG = Logger.getLogger(RejectedFiles.class);
    static final String UPLOAD_ENDPOINT = "/api/v1/schedules";

    private final Path uploads;
    private final EventSink sink;
    private final ScheduleMetrics metrics;
    private final int maxPayload;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public RejectedFiles(ScheduleConnectorConfig config, EventSink sink, ScheduleMetrics metrics) {
        this.uploads = config.dataDir().resolve("rejected");
        this.sink = sink;
        this.metrics = metrics;
        this.maxPayload = (int) config.publishing().maxQuarantinedPayload().asLongValue();
        this.timeout = config.publishing().timeout();
    }

    /**
     * @param keptAt
     *            where the file is kept
     * @param quarantineId
     *            the id of its quarantine entry, sent or not
     * @param quarantined
     *            whether the broker acknowledged the quarantine entry
     */
    public record Rejection(Path keptAt, UUID quarantineId, boolean quarantined) {
    }

    /** Keeps an upload the connector cannot read, and quarantines it. */
    public Rejection rejectUpload(byte[] content, String fileName, String contentType, String client,
            UnreadableScheduleException reason) {
        Instant now = clock.instant();
        String name = KeptFiles.stamp(now) + "-" + SnapshotJson.sha256(content).substring(0, 12) + "-"
                + KeptFiles.safeName(fileName);
        try {
            Path kept = KeptFiles.freeName(uploads, name, now);
            Files.write(kept, content);
            return keep(kept, content, contentType, "upload:" + client, UPLOAD_ENDPOINT, reason, now,
                    DraftSource.UPLOAD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the rejected upload in " + uploads, e);
        }
    }

    /** Moves a dropped file the connector cannot read to {@code rejected/}, and quarantines it. */
    public Rejection rejectDropped(Path file, byte[] content, Path rejectedFolder, UnreadableScheduleException reason)
            throws IOException {
        Instant now = clock.instant();
        Path kept = KeptFiles.moveInto(file, rejectedFolder, now);
        return keep(kept, content, null, "drop-folder", "drop-folder:" + file.getFileName(), reason, now,
                DraftSource.DROP_FOLDER);
    }

    private Rejection keep(Path kept, byte[] content, String contentType, String sender, String endpoint,
            UnreadableScheduleException reason, Instant now, DraftSource source) throws IOException {
        String type = reason.format().map(ScheduleFormat::contentType)
                .orElse(contentType == null ? "application/octet-stream" : contentType);
        String sourceSystem = reason.format().map(ScheduleFormat::sourceSystem).orElse(sender);
        QuarantinedEvent entry = QuarantineEntries.unreadableFile(content, type, sourceSystem, endpoint,
                reason.getMessage(), kept.toString(), maxPayload, now);
        UUID id = entry.getMetadata().getEventId();
        Files.writeString(KeptFiles.reasonFile(kept), String.join("\n",
                "Rejected at " + now + " (" + source.tag() + ", from " + endpoint + ")",
                "Reason (" + QuarantineEntries.MALFORMED_PAYLOAD + "): " + reason.getMessage(),
                "SHA-256: " + SnapshotJson.sha256(content), "Quarantine entry: " + id, ""), StandardCharsets.UTF_8);
        metrics.quarantinedFile(source.tag());
        try {
            sink.send(List.of(QuarantineEntries.publication(entry))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Rejected %s, kept at %s and quarantined as %s: %s", endpoint, kept, id, reason.getMessage());
            return new Rejection(kept, id, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notQuarantined(kept, id, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return notQuarantined(kept, id, e);
        }
    }

    private static Rejection notQuarantined(Path kept, UUID id, Exception e) {
        LOG.errorf(e, "The quarantine entry %s of the rejected file %s was not acknowledged; the file is kept there",
                id, kept);
        return new Rejection(kept, id, false);
    }
}
