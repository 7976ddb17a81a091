package io.trestle.schedule.export.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the export stands, as its group commits it: per partition, the offset up to which the planner has every update;
 * with it, in the commit metadata, the sequence number of the last update (so versions keep growing across restarts
 * without any store of their own).
 *
 * <p>
 * The records before the committed offsets are what the planner already has; the structure rebuilt from them is what it
 * was last sent. A group that has committed nothing has sent nothing: its first start delivers every project once, as
 * it stands, instead of replaying each project's history. A partition without a commit in a group that has some (a
 * partition added later) is read from its beginning.
 */
final class ExportPositions {

    private static final String SEQUENCE = "sequence=";

    private final boolean firstStart;
    /** Where the rebuild ends and delivery begins. */
    private final Map<TopicPartition, Long> start;
    /** What the group has committed; on a first start, nothing: the partitions' beginnings. */
    private final Map<TopicPartition, Long> committed;
    private final Map<TopicPartition, Long> next;
    private long sequence;
    private boolean dirty;

    private ExportPositions(boolean firstStart, Map<TopicPartition, Long> start, Map<TopicPartition, Long> committed,
            long sequence) {
        this.firstStart = firstStart;
        this.start = Map.copyOf(start);
        this.committed = new HashMap<>(committed);
        this.next = new HashMap<>(start);
        this.sequence = sequence;
    }

    /**
     * Reads the group's commits. On a first start, the positions are the ends of the partitions: everything up to them
     * is read as it stands and delivered once.
     */
    static ExportPositions read(Consumer<?, ?> consumer, Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = consumer.committed(partitions);
        boolean firstStart = commits.values().stream().allMatch(commit -> commit == null);
        Map<TopicPartition, Long> committed = new HashMap<>(consumer.beginningOffsets(partitions));
        long sequence = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> commit : commits.entrySet()) {
            if (commit.getValue() != null) {
                committed.put(commit.getKey(), commit.getValue().offset());
                sequence = Math.max(sequence, sequence(commit.getValue().metadata()));
            }
        }
        return new ExportPositions(firstStart, firstStart ? consumer.endOffsets(partitions) : committed, committed,
                sequence);
    }

    /** Whether the group had committed nothing: the planner has no project yet. */
    boolean firstStart() {
        return firstStart;
    }

    /** Where the planner's view ends on the partition: rebuild up to here, deliver from here. */
    long start(TopicPartition partition) {
        return start.get(partition);
    }

    /** Whether the record was handled by an earlier run, i.e. lies before the committed offset. */
    boolean handledBefore(ConsumerRecord<?, ?> record) {
        return !firstStart && record.offset() < committed.get(new TopicPartition(record.topic(), record.partition()));
    }

    /** The version of the next update. */
    long nextVersion() {
        return ++sequence;
    }

    void processed(ConsumerRecord<?, ?> record) {
        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    /** Commits every partition's position with the sequence, in one request: a single write to the group. */
    void commit(Consumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        String metadata = SEQUENCE + sequence;
        next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset, metadata)));
        consumer.commitSync(offsets);
        committed.putAll(next);
        dirty = false;
    }

    /** Records after the committed offsets, given the partitions' ends: the updates not delivered yet. */
    long lag(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L)))
                .sum();
    }

    private static long sequence(String metadata) {
        if (metadata == null || !metadata.startsWith(SEQUENCE)) {
            return 0;
        }
        try {
            return Long.parseLong(metadata.substring(SEQUENCE.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
