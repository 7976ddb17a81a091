package io.trestle.equipment.service;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.schema.common.ExternalId;

/**
 * Resolves the machines push items name through the crosswalk, under the client's own system {@code push:<client>}, as
 * the vendor pollers do under theirs. Never guesses: an id without an active mapping resolves to nothing, and the item
 * is quarantined.
 */
@ApplicationScoped
public class PushMachines {

    /**
     * Looked up on first use, not at injection: the crosswalk is read from its topic once it is created, and clients
     * that only send asset ids never need it.
     */
    private final Supplier<MachineResolver> resolver;

    @Inject
    public PushMachines(Instance<MachineResolver> resolver) {
        this(resolver::get);
    }

    private PushMachines(Supplier<MachineResolver> resolver) {
        this.resolver = resolver;
    }

    public static PushMachines of(MachineResolver resolver) {
        return new PushMachines(() -> resolver);
    }

    /** What became of an item's asset. */
    public sealed interface Resolution {
    }

    /**
     * @param resolvedFrom
     *            the external ids the asset was resolved from, for the event's metadata; empty when the item gave its
     *            asset id
     */
    public record Resolved(String assetId, List<ExternalId> resolvedFrom) implements Resolution {
    }

    /**
     * @param unresolvedIds
     *            every id the machine could be mapped by, for the quarantine entry
     */
    public record Unmapped(EquipmentIdentity machine, List<ExternalId> unresolvedIds, String message)
            implements
                Resolution {
    }

    /** False until the crosswalk was read to its end once: resolving earlier would quarantine mapped machines. */
    public boolean ready() {
        return resolver.get().ready();
    }

    /** Whether any item names its machine rather than its asset, so the batch needs the crosswalk. */
    public static boolean needsCrosswalk(List<EquipmentIdentity> machines) {
        return machines.stream().anyMatch(machine -> machine != null);
    }

    /**
     * @param assetId
     *            the item's canonical asset id, null when it names its machine
     * @param machine
     *            the item's machine, null when it gives its asset id; exactly one of the two is given in a valid item
     */
    public Resolution resolve(String client, String assetId, EquipmentIdentity machine) {
        if (machine == null) {
            return new Resolved(assetId, List.of());
        }
        String system = PushBatches.sourceSystem(client);
        List<ExternalId> ids = QuarantineMapper.externalIds(machine, system);
        return resolver.get().assetOf(system, machine)
                .<Resolution>map(asset -> new Resolved(asset, ids))
                .orElseGet(() -> new Unmapped(machine, ids, QuarantineMapper.unmappedMessage(machine, system)));
    }
}
