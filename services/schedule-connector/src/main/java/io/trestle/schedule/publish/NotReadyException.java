package io.trestle.schedule.publish;

/** Publishing cannot start yet: the published versions or the crosswalk are still being read. */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
