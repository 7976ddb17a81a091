package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.config.SinkConfig.PlanningTarget;
import io.trestle.odoosink.domain.PendingCrewAssignment;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.CrewAssignments.Assignment;
import io.trestle.odoosink.service.CrewAssignments.Mapped;
import io.trestle.odoosink.service.CrewAssignments.Refused;
import io.trestle.schema.operations.ErrorClass;

/**
 * Writes batches of crew assignments where the Odoo at hand keeps them: as planning slots when it has Enterprise's
 * planning module ({@link PlanningSlots}), else as the assignees of the tasks ({@link TaskAssignees}). With target AUTO
 * Odoo is asked once, on the first batch rather than at start, so a sink started while Odoo is down still starts; a
 * failed question is not remembered and is asked again with the batch's retry.
 */
@ApplicationScoped
public class CrewAssignmentWriter {

    private static final Logger LOG = Logger.getLogger(CrewAssignmentWriter.class);

    /** Naming {@code active} in a domain keeps Odoo from leaving archived records out of a search. */
    static final List<Object> ACTIVE_OR_ARCHIVED = List.of("active", "in", List.of(true, false));

    private final OdooClient odoo;
    private final SinkConfig.Schedule schedule;
    private final TaskAssignees taskAssignees;
    private final PlanningSlots planningSlots;
    private PlanningTarget target;

    @Inject
    public CrewAssignmentWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.schedule());
    }

    CrewAssignmentWriter(OdooClient odoo, SinkConfig.Schedule schedule) {
        this.odoo = odoo;
        this.schedule = schedule;
        this.taskAssignees = new TaskAssignees(odoo);
        this.planningSlots = new PlanningSlots(odoo, schedule);
    }

    /** One result per assignment of the batch; throws the {@link OdooException}s that are not about the data. */
    public List<SinkResult> write(List<PendingCrewAssignment> batch) {
        boolean slots = target() == PlanningTarget.PLANNING_SLOTS;
        String model = slots ? PlanningSlots.MODEL : TaskSchedules.MODEL;
        List<SinkResult> results = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PendingCrewAssignment pending : batch) {
            CrewAssignments.Mapping mapping = CrewAssignments.map(pending.assignment());
            if (mapping instanceof Refused refused) {
                results.add(new SinkResult.Rejected(pending, model, refused.reasonCode(), ErrorClass.BUSINESS, null,
                        refused.message()));
            } else {
                candidates.add(new Candidate(pending, ((Mapped) mapping).assignment()));
            }
        }
        results.addAll(slots ? planningSlots.write(candidates) : taskAssignees.write(candidates));
        return results;
    }

    /** The configured target, or for AUTO what Odoo has; asked once. */
    synchronized PlanningTarget target() {
        if (target == null) {
            if (schedule.target() != PlanningTarget.AUTO) {
                target = schedule.target();
                LOG.infof("Crew assignments go to %s, as configured", target);
            } else {
                boolean planning = odoo.modelExists(PlanningSlots.MODEL);
                target = planning ? PlanningTarget.PLANNING_SLOTS : PlanningTarget.TASKS;
                LOG.infof("Crew assignments go to %s: Odoo %s %s", target, planning ? "has" : "has no",
                        PlanningSlots.MODEL);
            }
        }
        return target;
    }

    /** A crew assignment the sink can act on, with the consumed record it came from. */
    record Candidate(PendingCrewAssignment pending, Assignment assignment) {
    }
}
