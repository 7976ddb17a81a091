package io.trestle.schedule.export.files;

import java.util.Locale;

/** The files the export writes for a project. */
public enum ExportFormat {

    /** Primavera P6 XML (APIBusinessObjects), as P6's XML import and MPXJ read it. */
    PMXML,
    /** Microsoft Project XML (MSPDI), as MS Project opens it and MPXJ reads it. */
    MSPDI;

    /** The format in file names, URLs and metric tags: {@code pmxml}, {@code mspdi}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
