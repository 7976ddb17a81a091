package io.trestle.equipment.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.aemp.AempPage;
import io.trestle.equipment.service.FleetPageTriage;
import io.trestle.equipment.service.FleetPageTriage.Publish;
import io.trestle.equipment.service.FleetPageTriage.Quarantine;
import io.trestle.equipment.service.QuarantineMapper;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.schema.avro.AvroJson;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Writes what polling would make of a page as the dry runs answer it: each reading as the event it would be published
 * as, or the quarantine entry it would get, built by the same mappers polling uses.
 */
final class DryRun {

    private final ObjectMapper json;

    DryRun(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param source
     *            where the page came from, as a quarantine entry would name it
     */
    InspectAnswer answer(AempPage page, FleetPageTriage.Page triaged, String vendor, String system,
            String sourceSystem, List<String> notes, URI source) {
        String correlationId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        int readings = 0;
        int toQuarantine = 0;
        List<InspectAnswer.Machine> machines = new ArrayList<>();
        for (FleetPageTriage.Machine machine : triaged.machines()) {
            List<InspectAnswer.Reading> decisions = new ArrayList<>();
            for (FleetPageTriage.Decision decision : machine.readings()) {
                readings++;
                if (decision instanceof Publish publish) {
                    decisions.add(new InspectAnswer.Reading(InspectAnswer.Decision.PUBLISH,
                            publish.reading().readingId(), AvroJson.of(TelemetryMapper.toEvent(publish.reading(),
                                    publish.reading().assetId(), publish.resolvedFrom(), sourceSystem, correlationId,
                                    now)),
                            null));
                } else {
                    toQuarantine++;
                    Quarantine quarantine = (Quarantine) decision;
                    decisions.add(new InspectAnswer.Reading(InspectAnswer.Decision.QUARANTINE,
                            quarantine.reading().readingId(), null, quarantine(QuarantineMapper.toEvent(
                                    quarantine.refusal(), system, sourceSystem, source, correlationId, now))));
                }
            }
            machines.add(new InspectAnswer.Machine(machine.identity(), machine.assetId().orElse(null), decisions));
        }
        int unresolved = (int) triaged.machines().stream().filter(machine -> machine.assetId().isEmpty()).count();
        return new InspectAnswer(vendor, system, sourceSystem, false, notes,
                new InspectAnswer.Counts(machines.size(), unresolved, readings, readings - toQuarantine,
                        toQuarantine),
                new InspectAnswer.Links(page.next().orElse(null), page.last().orElse(null)),
                page.snapshotTime().orElse(null), machines);
    }

    private InspectAnswer.Quarantine quarantine(QuarantinedEvent event) {
        try {
            return new InspectAnswer.Quarantine(event.getMetadata().getEventId(), event.getReasonCode(),
                    event.getMessage(), event.getPointer(),
                    event.getUnresolvedIds().stream().map(AvroJson::of).toList(),
                    json.readTree(event.getPayloadText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the quarantine mapper wrote a payload that is not JSON", e);
        }
    }
}
