package io.trestle.equipment.domain;

import java.util.List;

/**
 * A batch of facts of one kind as a push client sends it, {@code {"items": [...]}}.
 *
 * @param source
 *            optional client name; when present it must be the authenticated client
 * @param items
 *            the items, validated all together before anything is published
 */
public record PushBatch<I extends PushItem>(String source, List<I> items) {
}
