package io.trestle.telemetry.query;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.telemetry.client.InstanceClient;
import io.trestle.telemetry.topology.UsageTopology;

/**
 * Answers the analysts' queries where the data is: a key's query on the instance holding its partition (here, or
 * forwarded there), the top-idle query on every instance holding part of the day, merged here.
 */
@ApplicationScoped
public class AnalyticsQueries {

    private final LocalStores stores;
    private final InstanceDirectory directory;
    private final InstanceClient instances;
    private final ObjectMapper json;

    @Inject
    public AnalyticsQueries(LocalStores stores, InstanceDirectory directory, InstanceClient instances,
            ObjectMapper json) {
        this.stores = stores;
        this.directory = directory;
        this.instances = instances;
        this.json = json;
    }

    /** Where the caller's request came from, so it can be forwarded as it was asked. */
    public record Caller(InstanceClient.Credential credential, String pathAndQuery, boolean forwarded) {
    }

    /** This instance's answer, or the owning instance's, passed on as is. */
    public sealed interface Answer<T> permits Answer.Here, Answer.Relayed {

        record Here<T>(T body) implements Answer<T> {
        }

        record Relayed<T>(InstanceClient.Answer answer) implements Answer<T> {
        }
    }

    public Answer<AssetUtilizationView> utilization(String assetId, DateRange range, Caller caller) {
        // The utilization stores live in the ledger's task, partitioned like the telemetry: by asset id.
        KeyOwner owner = ownerOf(UsageTopology.UTILIZATION_STORE, assetId, caller);
        if (owner instanceof KeyOwner.Remote remote) {
            return new Answer.Relayed<>(instances.get(remote.baseUri(), caller.pathAndQuery(), caller.credential()));
        }
        return new Answer.Here<>(AnalyticsReads.utilization(stores.keyValueStore(UsageTopology.UTILIZATION_STORE,
                ((KeyOwner.Local) owner).partition()), assetId, range));
    }

    public Answer<ProjectCostView> costs(String projectId, DateRange range, Optional<String> costCode,
            Caller caller) {
        // The cost store is fed by the repartition by project id: a project's partition is that of its postings.
        KeyOwner owner = ownerOf(UsageTopology.PROJECT_COST_STORE, projectId, caller);
        if (owner instanceof KeyOwner.Remote remote) {
            return new Answer.Relayed<>(instances.get(remote.baseUri(), caller.pathAndQuery(), caller.credential()));
        }
        return new Answer.Here<>(AnalyticsReads.costs(stores.keyValueStore(UsageTopology.PROJECT_COST_STORE,
                ((KeyOwner.Local) owner).partition()), projectId, range, costCode));
    }

    /**
     * Scatter-gather: each instance holding part of the store returns its own top {@code limit}, which together hold
     * the overall top. A forwarded request answers from this instance alone.
     */
    public TopIdleView topIdle(LocalDate day, int limit, Caller caller) {
        List<KeyOwner> holders = caller.forwarded()
                ? List.of(KeyOwner.Local.allPartitions())
                : directory.instancesOf(UsageTopology.DAILY_UTILIZATION_STORE);
        List<TopIdleView.IdleAsset> assets = new ArrayList<>();
        for (KeyOwner holder : holders) {
            if (holder instanceof KeyOwner.Remote remote) {
                assets.addAll(remoteMostIdle(remote, caller));
            } else {
                assets.addAll(AnalyticsReads.mostIdle(stores.keyValueStore(UsageTopology.DAILY_UTILIZATION_STORE,
                        ((KeyOwner.Local) holder).partition()), day, limit));
            }
        }
        return new TopIdleView(day, limit,
                assets.stream().sorted(AnalyticsReads.MOST_IDLE_FIRST).limit(limit).toList());
    }

    private KeyOwner ownerOf(String store, String partitionKey, Caller caller) {
        KeyOwner owner = directory.ownerOf(store, partitionKey);
        if (owner instanceof KeyOwner.Remote remote && caller.forwarded()) {
            throw new StoreUnavailable("This request was forwarded here, but the key is held by " + remote.baseUri()
                    + ": the instances disagree while partitions move.");
        }
        return owner;
    }

    private List<TopIdleView.IdleAsset> remoteMostIdle(KeyOwner.Remote remote, Caller caller) {
        InstanceClient.Answer answer = instances.get(remote.baseUri(), caller.pathAndQuery(), caller.credential());
        if (answer.status() != 200) {
            throw new StoreUnavailable("Instance " + remote.baseUri() + " answered " + answer.status()
                    + " for its part of the day.");
        }
        try {
            return json.readValue(answer.body(), TopIdleView.class).assets();
        } catch (IOException e) {
            throw new StoreUnavailable("Instance " + remote.baseUri() + " answered what is not a top-idle list.", e);
        }
    }
}
