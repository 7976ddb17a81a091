package io.trestle.equipment.rest;

import java.util.List;
import java.util.UUID;

/** Answer to an accepted batch: the ids of its events, in the order of its items. */
public record Accepted(int accepted, String correlationId, List<UUID> eventIds) {
}
