package io.trestle.telemetry.topology;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.trestle.schema.cost.CostPosting;
import io.trestle.telemetry.domain.LineCost;
import io.trestle.telemetry.domain.ProjectDayCost;

/**
 * Keeps the posted cost lines per project, UTC day and cost code, each at its latest revision, for the cost queries.
 * Reads the postings after their repartition by project id, so the store is partitioned like the cost-posting topic and
 * a project's lines of every asset meet in one task.
 *
 * <p>
 * Each entry is indexed by day in {@link UsageTopology#PROJECT_COST_DAYS_STORE}, so the days past the
 * {@link AnalyticsRetention} are found with one range instead of a scan of every project.
 */
class ProjectCostProcessor implements Processor<String, CostPosting, Void, Void> {

    private final AnalyticsRetention retention;
    private KeyValueStore<String, ProjectDayCost> costs;
    private KeyValueStore<String, String> costDays;

    ProjectCostProcessor(Duration retention) {
        this.retention = new AnalyticsRetention(retention);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.costs = context.getStateStore(UsageTopology.PROJECT_COST_STORE);
        this.costDays = context.getStateStore(UsageTopology.PROJECT_COST_DAYS_STORE);
    }

    @Override
    public void process(Record<String, CostPosting> record) {
        CostPosting posting = record.value();
        retention.advance(posting.getWindowEnd()).ifPresent(firstKept -> AnalyticsRetention.purge(costDays,
                firstKept, expired -> costs.delete(expired.value)));
        LocalDate day = LocalDate.ofInstant(posting.getWindowStart(), ZoneOffset.UTC);
        String key = AnalyticsKeys.projectDayCostCode(posting.getProjectId(), day, posting.getCostCodeId());
        ProjectDayCost stored = costs.get(key);
        if (stored == null) {
            costDays.put(AnalyticsKeys.dayProjectCostCode(day, posting.getProjectId(), posting.getCostCodeId()), key);
        }
        ProjectDayCost before = stored == null ? ProjectDayCost.empty(posting.getCurrency()) : stored;
        String lineId = posting.getAssetId() + "|" + posting.getWindowStart().toEpochMilli();
        ProjectDayCost after = before.with(lineId, new LineCost(Optional.ofNullable(posting.getRevision()).orElse(0),
                posting.getOperatingHours(), Optional.ofNullable(posting.getIdleHours()).orElse(0.0),
                posting.getAmount()));
        if (!after.equals(before)) {
            costs.put(key, after);
        }
    }
}
