package io.trestle.operations.domain;

/**
 * An open work order that takes the asset out of service.
 *
 * @param start
 *            epoch millis the asset went out of service
 * @param end
 *            epoch millis it returned to service; null while it is still out
 * @param changedAt
 *            epoch millis the source changed the work order, so a stale update is ignored
 */
public record Downtime(String workOrderId, String title, long start, Long end, long changedAt) {

    public boolean covers(long time) {
        return start <= time && (end == null || time < end);
    }
}
