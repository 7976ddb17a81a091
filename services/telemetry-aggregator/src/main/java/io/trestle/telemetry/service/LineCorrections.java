package io.trestle.telemetry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.trestle.telemetry.domain.LineKey;
import io.trestle.telemetry.domain.PostedLine;
import io.trestle.telemetry.domain.PostedWindow;
import io.trestle.telemetry.domain.PricedLine;

/**
 * Compares a window's lines as computed now with what was posted before and says what to post: a line posted for the
 * first time is revision 0; a posted line whose figures changed gets the next revision, carrying the window's corrected
 * totals and naming the line's original posting (the Odoo sink replaces the original's analytic line with it, so it
 * must always be the original, never the previous correction); a posted line that lost all its usage (say, to a
 * reservation that arrived late) is corrected to zero. Unchanged lines post nothing.
 */
public final class LineCorrections {

    private LineCorrections() {
    }

    /** What was posted after this computation, and the revisions to publish now. */
    public record Outcome(PostedWindow posted, List<PostedLine> publish) {
    }

    public static Outcome reconcile(PostedWindow before, List<PricedLine> now, String assetId, Instant windowStart,
            Instant windowEnd) {
        Set<LineKey> keys = new LinkedHashSet<>();
        before.lines().forEach(line -> keys.add(line.key()));
        now.forEach(line -> keys.add(line.key()));
        List<PostedLine> posted = new ArrayList<>();
        List<PostedLine> publish = new ArrayList<>();
        for (LineKey key : keys) {
            Optional<PostedLine> previous = before.line(key);
            Optional<PricedLine> current = now.stream().filter(line -> line.key().equals(key)).findFirst();
            if (previous.isEmpty()) {
                PricedLine line = current.orElseThrow();
                String postingId = CostPostings.postingId(key.projectId(), key.costCodeId(), assetId, windowStart,
                        windowEnd, 0);
                PostedLine original = new PostedLine(key, line.unallocatedReason(), line.values(), 0, postingId,
                        postingId);
                posted.add(original);
                publish.add(original);
                continue;
            }
            PostedLine last = previous.get();
            PricedLine line = current.orElseGet(
                    () -> new PricedLine(key, last.unallocatedReason(), last.values().emptied()));
            if (line.values().equals(last.values())) {
                posted.add(last);
                continue;
            }
            int revision = last.revision() + 1;
            PostedLine correction = new PostedLine(key, line.unallocatedReason(), line.values(), revision,
                    CostPostings.postingId(key.projectId(), key.costCodeId(), assetId, windowStart, windowEnd,
                            revision),
                    last.originalPostingId());
            posted.add(correction);
            publish.add(correction);
        }
        posted.sort(Comparator.comparing(PostedLine::postingId));
        return new Outcome(new PostedWindow(posted), publish);
    }
}
