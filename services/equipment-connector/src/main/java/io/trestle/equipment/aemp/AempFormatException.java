package io.trestle.equipment.aemp;

/**
 * A payload that is not a readable ISO 15143-3 document. The whole page is refused: returning the part that could be
 * read would make missing machines look like machines that reported nothing.
 */
public class AempFormatException extends RuntimeException {

    private final String where;

    public AempFormatException(String message, String where) {
        super(message + " (at " + where + ")");
        this.where = where;
    }

    public AempFormatException(String message, String where, Throwable cause) {
        super(message + " (at " + where + ")", cause);
        this.where = where;
    }

    /** The element path (e.g. {@code Fleet/Equipment[2]/CumulativeOperatingHours/Hour}) or line and column. */
    public String where() {
        return where;
    }
}
