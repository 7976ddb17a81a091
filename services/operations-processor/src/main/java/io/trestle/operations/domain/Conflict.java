package io.trestle.operations.domain;

import java.util.List;

import io.trestle.schema.common.Severity;
import io.trestle.schema.operations.ConflictType;

/**
 * A conflict about one asset as last published; compared with the one found now to decide whether to publish again.
 *
 * @param start
 *            epoch millis the period in conflict starts
 * @param end
 *            epoch millis it ends, null while open-ended
 */
public record Conflict(String conflictId, ConflictType type, String assetId, Severity severity,
        List<String> reservationIds,
        List<String> projectIds, List<String> taskIds, long start, Long end, String message) {

    public Conflict {
        reservationIds = List.copyOf(reservationIds);
        projectIds = List.copyOf(projectIds);
        taskIds = List.copyOf(taskIds);
    }
}
