package io.trestle.operations.topology;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.trestle.operations.domain.Conflict;
import io.trestle.operations.domain.TaskEvent;
import io.trestle.operations.domain.TaskHoldings;
import io.trestle.operations.service.ConflictRules;
import io.trestle.operations.service.OperationsEvents;
import io.trestle.schema.operations.ScheduleConflictChanged;

/**
 * Per task: whether the planner cancelled it and which reservations still hold equipment for it. A cancelled task with
 * such a reservation is a conflict, resolved when the reservation is cancelled, completed, moved to another task or
 * forgotten. A cancellation stays kept, so a reservation booked for the task afterwards is a conflict too.
 */
class TaskHoldingsProcessor implements Processor<String, TaskEvent, String, ScheduleConflictChanged> {

    private ProcessorContext<String, ScheduleConflictChanged> context;
    private KeyValueStore<String, TaskHoldings> store;

    @Override
    public void init(ProcessorContext<String, ScheduleConflictChanged> context) {
        this.context = context;
        this.store = context.getStateStore(OperationsTopology.TASK_STORE);
    }

    @Override
    public void process(Record<String, TaskEvent> record) {
        String taskId = record.key();
        TaskEvent event = record.value();
        TaskHoldings before = Objects.requireNonNullElse(store.get(taskId), TaskHoldings.EMPTY);
        TaskHoldings changed = event.booking() != null
                ? before.with(event.booking())
                : before.with(event.cancellation());
        String correlationId = event.booking() != null
                ? event.booking().correlationId()
                : event.cancellation().correlationId();
        Map<String, Conflict> found = ConflictRules.find(taskId, changed);
        OperationsEvents.conflictChanges(before.openConflicts(), found, context.currentSystemTimeMs(), correlationId)
                .forEach(conflict -> context.forward(record.withKey(conflict.getConflictId()).withValue(conflict)));
        TaskHoldings after = changed.published(found);
        if (after.worthNothing()) {
            store.delete(taskId);
        } else if (!after.equals(before)) {
            store.put(taskId, after);
        }
    }
}
