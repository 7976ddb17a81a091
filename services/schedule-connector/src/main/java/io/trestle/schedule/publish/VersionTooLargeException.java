package io.trestle.schedule.publish;

/** A schedule too large to store as a published version; nothing of it is published. */
public class VersionTooLargeException extends RuntimeException {

    public VersionTooLargeException(String message) {
        super(message);
    }
}
