package io.trestle.schedule.model;

/**
 * A labor or equipment resource of the schedule.
 *
 * @param id
 *            what the crosswalk maps to a crew or an equipment asset: the P6 resource id (short name), or the MS
 *            Project resource's GUID (its UniqueID when the file has no GUIDs)
 * @param code
 *            the resource's code (MS Project Code), null when it has none
 */
public record ScheduleResource(String id, String name, String code) {
}
