package io.trestle.schedule.publish;

/**
 * The broker did not acknowledge every event of a publish, or its version could not be stored. The version stays as it
 * was, so publishing again sends the same events with the same ids, which consumers drop.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
