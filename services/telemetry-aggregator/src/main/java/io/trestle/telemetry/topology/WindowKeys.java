package io.trestle.telemetry.topology;

/**
 * Keys of the ledger's stores. Times are zero-padded epoch millis, so the stores' byte order is time order: the windows
 * of one asset are a key range ({@code <assetId>|<windowStart>}), and the deadlines due by a stream time are a prefix
 * range ({@code <at>|<kind>|<window key>}).
 */
final class WindowKeys {

    private static final char SEPARATOR = '|';
    private static final String TIME_FORMAT = "%016d";

    private WindowKeys() {
    }

    static String window(String assetId, long windowStart) {
        return assetId + SEPARATOR + time(windowStart);
    }

    static String assetId(String windowKey) {
        return windowKey.substring(0, windowKey.lastIndexOf(SEPARATOR));
    }

    static long windowStart(String windowKey) {
        return Long.parseLong(windowKey.substring(windowKey.lastIndexOf(SEPARATOR) + 1));
    }

    static String deadline(long at, Deadline kind, String windowKey) {
        return time(at) + SEPARATOR + kind + SEPARATOR + windowKey;
    }

    static Deadline kind(String deadlineKey) {
        int start = deadlineKey.indexOf(SEPARATOR) + 1;
        return Deadline.valueOf(deadlineKey.substring(start, deadlineKey.indexOf(SEPARATOR, start)));
    }

    /** The smallest deadline key. */
    static String firstDeadline() {
        return time(0);
    }

    /** A key after every deadline due at or before {@code at}. */
    static String deadlinesUntil(long at) {
        return time(at) + SEPARATOR + '~';
    }

    /** Negative times (before 1970) sort like time 0: they are due at once. */
    private static String time(long epochMillis) {
        return TIME_FORMAT.formatted(Math.max(0, epochMillis));
    }

    /** What falls due: posting a window (first time or again after a change), or forgetting it. */
    enum Deadline {
        CLOSE,
        EXPIRE
    }
}
