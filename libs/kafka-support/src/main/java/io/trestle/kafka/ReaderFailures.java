package io.trestle.kafka;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.microsoft.kiota.ApiException;

/**
 * Tells a deserialization failure caused by the reader from one caused by the record. The registry being unreachable or
 * refusing the service (anything but 404, which means the record names a schema id it does not have), or the
 * deserializer unable to load the generated classes, would fail every record alike: quarantining them would empty the
 * input into the quarantine while nothing is wrong with it, so these stop the application instead, and the records are
 * read again once the cause is fixed.
 */
final class ReaderFailures {

    private static final int NOT_FOUND = 404;

    private ReaderFailures() {
    }

    /** Why the record is not at fault, or empty when it is. */
    static Optional<String> readerFault(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException || cause instanceof SSLException) {
                return Optional.of("the schema registry cannot be reached (" + cause + ")");
            }
            if (cause instanceof ApiException answer && answer.getResponseStatusCode() != NOT_FOUND) {
                return Optional.of("the schema registry answered HTTP " + answer.getResponseStatusCode());
            }
            if (cause instanceof ClassCastException || cause instanceof LinkageError) {
                return Optional.of("the deserializer cannot use the generated Avro classes (" + cause + ")");
            }
        }
        return Optional.empty();
    }
}
