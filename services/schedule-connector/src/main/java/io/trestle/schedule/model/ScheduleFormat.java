package io.trestle.schedule.model;

/** The schedule formats the connector reads: three file formats and the webhook's JSON, each with its planner. */
public enum ScheduleFormat {

    /** Primavera P6 export (XER), tab-separated tables behind an {@code ERMHDR} header. */
    XER("p6", "text/x-p6-xer"),
    /** Primavera P6 XML (PMXML), root element {@code APIBusinessObjects}. */
    PMXML("p6", "application/xml"),
    /** Microsoft Project XML (MSPDI), root element {@code Project} in the MS Project namespace. */
    MSPDI("msproject", "application/xml"),
    /**
     * The JSON a SaaS planner posts to the webhook; not a file MPXJ reads. Each client is a planner of its own, so its
     * snapshots name the source system {@code planner:<client>}.
     */
    PLANNER_JSON("planner", "application/json");

    private final String sourceSystem;
    private final String contentType;

    ScheduleFormat(String sourceSystem, String contentType) {
        this.sourceSystem = sourceSystem;
        this.contentType = contentType;
    }

    /**
     * The planner as events and the crosswalk name it ({@code EventMetadata.sourceSystem}, {@code ExternalId.system});
     * for {@link #PLANNER_JSON} the prefix the client's name is added to.
     */
    public String sourceSystem() {
        return sourceSystem;
    }

    /** Media type of the file, for a quarantined copy of it. */
    public String contentType() {
        return contentType;
    }

    /** Whether the file comes from Primavera P6, whose resource types include equipment (RT_Equip). */
    public boolean isPrimavera() {
        return this == XER || this == PMXML;
    }
}
