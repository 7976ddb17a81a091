package io.trestle.schedule.crosswalk;

import java.util.Optional;

import io.trestle.kafka.CrosswalkTable;
import io.trestle.schedule.mapping.ScheduleIds;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schema.common.ExternalId;

/**
 * The schedule's external ids resolved through the crosswalk topic, each only to the kind of entity it stands for (an
 * activity to a task, a WBS node to a cost code, …; see {@link ScheduleIds#canonicalType}).
 */
public final class CrosswalkIds implements Crosswalk, AutoCloseable {

    private final CrosswalkTable table;

    /**
     * @param table
     *            owned from now on
     */
    public CrosswalkIds(CrosswalkTable table) {
        this.table = table;
    }

    public void start() {
        table.start();
    }

    @Override
    public Optional<String> resolve(ExternalId externalId) {
        return table.resolve(externalId, ScheduleIds.canonicalType(externalId.getEntityType()));
    }

    @Override
    public boolean ready() {
        return table.ready();
    }

    @Override
    public void close() throws InterruptedException {
        table.close();
    }
}
