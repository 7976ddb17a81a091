package io.trestle.schedule.read;

import java.util.Optional;

import io.trestle.schedule.model.ScheduleFormat;

/**
 * A file that is not a schedule the connector can read: not one of the supported formats, or a file of such a format
 * MPXJ cannot read in full. The whole file is refused (and kept in quarantine): a schedule read in part would make the
 * activities missing from it look deleted.
 */
public class UnreadableScheduleException extends RuntimeException {

    private final ScheduleFormat format;

    public UnreadableScheduleException(ScheduleFormat format, String message, Throwable cause) {
        super(message, cause);
        this.format = format;
    }

    /** The format the content was recognised as, empty when it matched none. */
    public Optional<ScheduleFormat> format() {
        return Optional.ofNullable(format);
    }
}
