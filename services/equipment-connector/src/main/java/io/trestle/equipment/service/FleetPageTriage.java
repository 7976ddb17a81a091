package io.trestle.equipment.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import io.trestle.equipment.aemp.AempEquipment;
import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.domain.TelemetryBatch;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.CycleResult.UnresolvedMachine;
import io.trestle.equipment.service.QuarantineMapper.Refusal;
import io.trestle.rest.Violation;
import io.trestle.schema.common.ExternalId;

/**
 * Decides, for every reading of one fleet page, whether it is published or quarantined and why: the machine is resolved
 * through the crosswalk, the readings of a resolved machine are validated like pushed ones. It publishes nothing, so
 * the poller and the dry run share it and the dry run shows exactly what polling does.
 */
public final class FleetPageTriage {

    private final MachineResolver resolver;
    private final TelemetryValidator validator;
    private final int maxBatchSize;

    /**
     * @param maxBatchSize
     *            readings validated together; duplicate reading ids are found within such a batch, as the poller
     *            publishes them
     */
    public FleetPageTriage(MachineResolver resolver, TelemetryValidator validator, int maxBatchSize) {
        this.resolver = resolver;
        this.validator = validator;
        this.maxBatchSize = maxBatchSize;
    }

    /** What becomes of one reading. */
    public sealed interface Decision {

        /** The reading as it is published, or as the quarantine payload carries it. */
        TelemetryItem reading();
    }

    /**
     * @param reading
     *            the reading with the resolved asset filled in, valid
     * @param resolvedFrom
     *            the machine's ids the asset was resolved from, for the event's metadata
     */
    public record Publish(TelemetryItem reading, List<ExternalId> resolvedFrom) implements Decision {
    }

    public record Quarantine(Refusal refusal) implements Decision {

        @Override
        public TelemetryItem reading() {
            return refusal.reading();
        }
    }

    /**
     * @param assetId
     *            the canonical asset, empty when the crosswalk does not know the machine
     * @param readings
     *            in payload order; readings the caller's {@code isNew} skipped are left out
     */
    public record Machine(EquipmentIdentity identity, Optional<String> assetId, List<Decision> readings) {
    }

    public record Page(List<Machine> machines) {

        /** The readings to publish, in payload order. */
        public List<Publish> toPublish() {
            return machines.stream().flatMap(machine -> machine.readings().stream())
                    .filter(Publish.class::isInstance).map(Publish.class::cast).toList();
        }

        /** The readings of resolved machines that the validator refused. */
        public List<Refusal> refused() {
            return refusals(machines.stream().filter(machine -> machine.assetId().isPresent()).toList());
        }

        /** The readings of machines the crosswalk does not know. */
        public List<Refusal> unmapped() {
            return refusals(machines.stream().filter(machine -> machine.assetId().isEmpty()).toList());
        }

        public List<UnresolvedMachine> unresolved() {
            return machines.stream().filter(machine -> machine.assetId().isEmpty())
                    .map(machine -> new UnresolvedMachine(machine.identity(),
                            machine.readings().stream().map(Decision::reading).toList()))
                    .toList();
        }

        private static List<Refusal> refusals(List<Machine> machines) {
            return machines.stream().flatMap(machine -> machine.readings().stream())
                    .filter(Quarantine.class::isInstance).map(decision -> ((Quarantine) decision).refusal())
                    .toList();
        }
    }

    /**
     * @param system
     *            the crosswalk system the machines are resolved under
     * @param sourceSystem
     *            the source system the validator checks the readings for
     * @param isNew
     *            whether a reading of the asset is still to be published; the others are left out of the page
     */
    public Page triage(List<AempEquipment> equipment, String system, String sourceSystem,
            BiPredicate<String, TelemetryItem> isNew) {
        List<Machine> machines = new ArrayList<>();
        List<Pending> toValidate = new ArrayList<>();
        for (AempEquipment machine : equipment) {
            Optional<String> asset = resolver.assetOf(system, machine.identity());
            List<Decision> decisions = new ArrayList<>();
            for (TelemetryItem reading : machine.readings()) {
                if (asset.isEmpty()) {
                    decisions.add(new Quarantine(QuarantineMapper.unmapped(machine.identity(), reading, system)));
                } else if (isNew.test(asset.get(), reading)) {
                    toValidate.add(new Pending(machine.identity(), reading.ofAsset(asset.get()),
                            QuarantineMapper.externalIds(machine.identity(), system), decisions, decisions.size()));
                    // Replaced by the validator's verdict below, keeping the reading's place in the payload.
                    decisions.add(null);
                }
            }
            machines.add(new Machine(machine.identity(), asset, decisions));
        }
        for (int from = 0; from < toValidate.size(); from += maxBatchSize) {
            validate(toValidate.subList(from, Math.min(toValidate.size(), from + maxBatchSize)), sourceSystem);
        }
        return new Page(machines.stream()
                .map(machine -> new Machine(machine.identity(), machine.assetId(), List.copyOf(machine.readings())))
                .toList());
    }

    private void validate(List<Pending> readings, String sourceSystem) {
        List<TelemetryItem> items = readings.stream().map(Pending::reading).toList();
        Map<Integer, List<Violation>> violationsByReading = validator
                .validate(new TelemetryBatch(null, items), sourceSystem).stream()
                .collect(Collectors.groupingBy(Violation::item));
        for (int i = 0; i < readings.size(); i++) {
            Pending pending = readings.get(i);
            List<Violation> violations = violationsByReading.get(i);
            pending.decide(violations == null
                    ? new Publish(pending.reading(), pending.resolvedFrom())
                    : new Quarantine(refusal(pending, violations)));
        }
    }

    /** The first violation gives the reason and pointer; the message names them all. */
    private static Refusal refusal(Pending pending, List<Violation> violations) {
        Violation first = violations.get(0);
        String message = violations.stream()
                .map(violation -> (TelemetryValidator.fieldOf(violation) + " " + violation.message()).strip())
                .collect(Collectors.joining("; "));
        return new Refusal(pending.machine(), pending.reading(),
                TelemetryValidator.reasonCode(first, pending.reading()), message,
                QuarantineMapper.pointer(TelemetryValidator.fieldOf(first)), List.of());
    }

    /** A resolved reading awaiting the validator, with the place its decision goes. */
    private record Pending(EquipmentIdentity machine, TelemetryItem reading, List<ExternalId> resolvedFrom,
            List<Decision> decisions, int slot) {

        void decide(Decision decision) {
            decisions.set(slot, decision);
        }
    }
}
