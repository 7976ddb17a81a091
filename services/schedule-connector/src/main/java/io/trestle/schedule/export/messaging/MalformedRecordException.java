package io.trestle.schedule.export.messaging;

/** A master-data record the export cannot read: no key, or a value that is not the topic's Avro record. */
class MalformedRecordException extends RuntimeException {

    MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
