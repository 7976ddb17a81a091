package io.trestle.odooconnector.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.CrosswalkEntry;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;
import io.trestle.schema.master.OdooTaskState;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

/**
 * Turns what a source read from Odoo into the canonical master-data snapshots, the same whichever source read it.
 *
 * <p>
 * It remembers the last snapshot it published per key, for three reasons: a deleted record's last snapshot (marked
 * deleted, before its tombstone) needs the state the deletion no longer carries; the equipment's rate history grows
 * from successive values of a single rate field, a period closing when the rate changes; and a project's code is its
 * analytic account's code. Not thread-safe: one source feeds one mapper.
 */
public class MasterDataMapper {

    private static final Logger LOG = Logger.getLogger(MasterDataMapper.class);
    static final String SOURCE_SYSTEM = "odoo";
    private static final int RATE_SCALE = 4;
    /** Crosswalk entity type of an Odoo equipment serial number (maintenance.equipment.serial_no). */
    static final String CROSSWALK_SERIAL = "equipment-serial";
    /** Crosswalk entity type of a project code (the code of the project's analytic account). */
    static final String CROSSWALK_PROJECT_CODE = "project-code";

    private final ConnectorConfig.Topics topics;
    private final Optional<String> rateField;
    private final String rateCurrency;
    private final Clock clock;
    private final Map<String, SpecificRecord> published = new HashMap<>();

    public MasterDataMapper(ConnectorConfig config, Clock clock) {
        this(config.topics(), config.rates().equipmentField(), config.rates().currency(), clock);
    }

    MasterDataMapper(ConnectorConfig.Topics topics, Optional<String> rateField, String rateCurrency, Clock clock) {
        this.topics = topics;
        this.rateField = rateField;
        this.rateCurrency = rateCurrency;
        this.clock = clock;
    }

    /** What to publish for these records, in order; nothing for a record that is not published (a private task). */
    public List<Publication> map(List<OdooRecord> records) {
        List<Publication> publications = new ArrayList<>();
        for (OdooRecord record : records) {
            String key = Long.toString(record.id());
            String topic = topic(record.model());
            if (record.deleted()) {
                SpecificRecord last = published.get(topic + "|" + key);
                if (last != null) {
                    publications.addAll(derivedCrosswalk(last, null));
                    publications.add(new Publication(topic, key, markedDeleted(last, record)));
                } else {
                    LOG.infof("%s %s was deleted before this connector published it; tombstone only",
                            record.model().model(), key);
                }
                publications.add(new Publication(topic, key, null));
                continue;
            }
            SpecificRecord snapshot = snapshot(record);
            if (snapshot != null) {
                publications.addAll(derivedCrosswalk(published.get(topic + "|" + key), snapshot));
                publications.add(new Publication(topic, key, snapshot));
            }
        }
        return publications;
    }

    /** Remembers what was published, once the broker has it. */
    public void published(List<Publication> publications) {
        for (Publication publication : publications) {
            String id = publication.topic() + "|" + publication.key();
            if (publication.value() == null) {
                published.remove(id);
            } else {
                published.put(id, publication.value());
            }
        }
    }

    /** Primes the memory with a snapshot published before this process started (read back from its topic). */
    public void remember(String topic, String key, SpecificRecord snapshot) {
        published.put(topic + "|" + key, snapshot);
    }

    /**
     * The crosswalk entries Odoo's own data implies: an asset's serial number (the PIN telematics reports) resolves to
     * the asset, a project's code (what planners call it) to the project. A changed or removed value withdraws the
     * entry of the old one, so it stops resolving.
     *
     * @param current
     *            null when the record was deleted
     */
    private List<Publication> derivedCrosswalk(SpecificRecord previous, SpecificRecord current) {
        List<Publication> entries = new ArrayList<>();
        String before = crosswalkValue(previous);
        String after = crosswalkValue(current);
        SpecificRecord about = current != null ? current : previous;
        if (about == null || Objects.equals(before, after)) {
            return entries;
        }
        if (before != null) {
            entries.add(crosswalk(about, before, false));
        }
        if (after != null) {
            entries.add(crosswalk(about, after, true));
        }
        return entries;
    }

    private static String crosswalkValue(SpecificRecord snapshot) {
        if (snapshot instanceof EquipmentAssetSnapshot asset) {
            return blankToNull(asset.getSerialNumber());
        }
        if (snapshot instanceof ProjectSnapshot project) {
            return blankToNull(project.getCode());
        }
        return null;
    }

    private Publication crosswalk(SpecificRecord about, String value, boolean active) {
        boolean asset = about instanceof EquipmentAssetSnapshot;
        String entityType = asset ? CROSSWALK_SERIAL : CROSSWALK_PROJECT_CODE;
        String canonicalId = asset
                ? ((EquipmentAssetSnapshot) about).getAssetId()
                : ((ProjectSnapshot) about).getProjectId();
        String companyId = asset
                ? ((EquipmentAssetSnapshot) about).getCompanyId()
                : ((ProjectSnapshot) about).getCompanyId();
        ExternalId external = new ExternalId(SOURCE_SYSTEM, entityType, value);
        Instant now = clock.instant();
        String identity = "crosswalk|" + entityType + "|" + value + "|" + canonicalId + "|" + active;
        CrosswalkEntry entry = CrosswalkEntry.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                        .setSourceSystem("trestle.odoo-connector")
                        .setSourceRecordId(canonicalId)
                        .setOccurredAt(now)
                        .setIngestedAt(now)
                        .setResolvedFrom(List.of())
                        .build())
                .setExternal(external)
                .setCanonicalType(asset ? "equipment" : "project")
                .setCanonicalId(canonicalId)
                .setCompanyId(companyId)
                .setActive(active)
                .setChangedBy("odoo")
                .build();
        return new Publication(topics.crosswalk(), CrosswalkKeys.key(external), entry);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private String topic(OdooModel model) {
        return switch (model) {
            case PROJECT -> topics.projects();
            case TASK -> topics.tasks();
            case COST_CODE -> topics.costCodes();
            case EQUIPMENT -> topics.equipment();
        };
    }

    private SpecificRecord snapshot(OdooRecord record) {
        return switch (record.model()) {
            case PROJECT -> project(record);
            case TASK -> task(record);
            case COST_CODE -> costCode(record);
            case EQUIPMENT -> equipment(record);
        };
    }

    private ProjectSnapshot project(OdooRecord record) {
        String costCodeId = referenceId(record, "analytic_account_id");
        String code = null;
        if (costCodeId != null
                && published.get(topics.costCodes() + "|" + costCodeId) instanceof CostCodeSnapshot account) {
            code = account.getCode();
        }
        return ProjectSnapshot.newBuilder()
                .setMetadata(metadata(record))
                .setProjectId(Long.toString(record.id()))
                .setCompanyId(referenceId(record, "company_id"))
                .setName(text(record, "name"))
                .setCode(code)
                .setCostCodeId(costCodeId)
                .setStartDate((LocalDate) record.values().get("date_start"))
                .setEndDate((LocalDate) record.values().get("date"))
                .setActive(flag(record, "active"))
                .setDeleted(false)
                .build();
    }

    private ProjectTaskSnapshot task(OdooRecord record) {
        String projectId = referenceId(record, "project_id");
        if (projectId == null) {
            // Private tasks (no project) are personal to-dos in Odoo 17, not part of any schedule.
            return null;
        }
        Double hours = positive(record.values().get("allocated_hours"));
        return ProjectTaskSnapshot.newBuilder()
                .setMetadata(metadata(record))
                .setTaskId(Long.toString(record.id()))
                .setProjectId(projectId)
                .setCompanyId(referenceId(record, "company_id"))
                .setParentTaskId(referenceId(record, "parent_id"))
                .setName(text(record, "name"))
                .setStageName(referenceName(record, "stage_id"))
                .setState(state((String) record.values().get("state")))
                .setCostCodeId(referenceId(record, "analytic_account_id"))
                .setPlannedStart(null)
                .setPlannedEnd(toSecond((Instant) record.values().get("date_deadline")))
                .setAllocatedHours(hours)
                .setAssigneeUserIds(assignees(record.values().get(OdooModel.ASSIGNEES)))
                .setActive(flag(record, "active"))
                .setDeleted(false)
                .build();
    }

    private CostCodeSnapshot costCode(OdooRecord record) {
        String costCodeId = Long.toString(record.id());
        String projectId = published.values().stream()
                .filter(ProjectSnapshot.class::isInstance)
                .map(ProjectSnapshot.class::cast)
                .filter(project -> costCodeId.equals(project.getCostCodeId()))
                .map(ProjectSnapshot::getProjectId)
                .findFirst()
                .orElse(null);
        return CostCodeSnapshot.newBuilder()
                .setMetadata(metadata(record))
                .setCostCodeId(costCodeId)
                .setCompanyId(referenceId(record, "company_id"))
                .setCode((String) record.values().get("code"))
                .setName(text(record, "name"))
                .setPlanName(referenceName(record, "plan_id"))
                .setProjectId(projectId)
                .setActive(flag(record, "active"))
                .setDeleted(false)
                .build();
    }

    private EquipmentAssetSnapshot equipment(OdooRecord record) {
        String assetId = Long.toString(record.id());
        List<HourlyRate> rates = new ArrayList<>();
        if (published.get(topics.equipment() + "|" + assetId) instanceof EquipmentAssetSnapshot previous) {
            rates.addAll(previous.getHourlyRates());
        }
        rateField.map(field -> positive(record.values().get(field))).ifPresent(value -> {
            BigDecimal rate = BigDecimal.valueOf(value).setScale(RATE_SCALE, RoundingMode.HALF_UP);
            extendRates(rates, rate, Optional.ofNullable(toSecond(record.writeDate())).orElse(clock.instant()));
        });
        return EquipmentAssetSnapshot.newBuilder()
                .setMetadata(metadata(record))
                .setAssetId(assetId)
                .setCompanyId(referenceId(record, "company_id"))
                .setName(text(record, "name"))
                .setSerialNumber((String) record.values().get("serial_no"))
                .setModel((String) record.values().get("model"))
                .setCategory(referenceName(record, "category_id"))
                .setHourlyRates(rates)
                .setActive(flag(record, "active"))
                .setDeleted(false)
                .build();
    }

    /**
     * A new value of the rate field closes the open period at the time Odoo recorded the change and opens the next one.
     * The first rate ever seen applies from the beginning of time: usage before it was entered has no other price.
     */
    private void extendRates(List<HourlyRate> rates, BigDecimal rate, Instant changedAt) {
        if (rates.isEmpty()) {
            rates.add(new HourlyRate(Instant.EPOCH, null, rate, rateCurrency));
            return;
        }
        HourlyRate open = rates.get(rates.size() - 1);
        if (open.getRate().compareTo(rate) == 0 && open.getCurrency().equals(rateCurrency)) {
            return;
        }
        if (!changedAt.isAfter(open.getValidFrom())) {
            // A change stamped no later than the open period's start replaces it rather than leaving an empty period.
            rates.set(rates.size() - 1, new HourlyRate(open.getValidFrom(), null, rate, rateCurrency));
            return;
        }
        rates.set(rates.size() - 1, new HourlyRate(open.getValidFrom(), changedAt, open.getRate(), open.getCurrency()));
        rates.add(new HourlyRate(changedAt, null, rate, rateCurrency));
    }

    /**
     * The last snapshot, marked deleted. It is changed in place rather than copied: Avro's copying builders look the
     * class up through a class loader that is not the application's under Quarkus, and the remembered snapshot is
     * forgotten once the tombstone is out anyway.
     */
    private SpecificRecord markedDeleted(SpecificRecord last, OdooRecord deletion) {
        EventMetadata metadata = metadata(deletion);
        if (last instanceof ProjectSnapshot project) {
            project.setMetadata(metadata);
            project.setDeleted(true);
        } else if (last instanceof ProjectTaskSnapshot task) {
            task.setMetadata(metadata);
            task.setDeleted(true);
        } else if (last instanceof CostCodeSnapshot costCode) {
            costCode.setMetadata(metadata);
            costCode.setDeleted(true);
        } else if (last instanceof EquipmentAssetSnapshot equipment) {
            equipment.setMetadata(metadata);
            equipment.setDeleted(true);
        }
        return last;
    }

    /**
     * The event id derives from the record and its version, so a source re-reading a change after a crash publishes the
     * same event again rather than a new one.
     */
    private EventMetadata metadata(OdooRecord record) {
        Instant now = clock.instant();
        Instant writeDate = toSecond(record.writeDate());
        String identity = record.model().model() + "|" + record.id() + "|" + (record.deleted() ? "deleted" : writeDate);
        return EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setSourceSystem(SOURCE_SYSTEM)
                .setSourceRecordId(Long.toString(record.id()))
                .setOccurredAt(writeDate == null ? now : writeDate)
                .setIngestedAt(now)
                .setResolvedFrom(List.of())
                .build();
    }

    /**
     * Odoo's API reads datetimes to the second while its database keeps microseconds; truncated, both modes publish the
     * same times and the same event ids.
     */
    private static Instant toSecond(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A number Odoo leaves empty: NULL in the database, {@code 0.0} through the API (Odoo reads an empty float as
     * zero). Both mean "not set" for hours and rates, so both publish as absent.
     */
    private static Double positive(Object value) {
        return value instanceof Number number && number.doubleValue() > 0 ? number.doubleValue() : null;
    }

    private static List<String> assignees(Object userIds) {
        if (!(userIds instanceof List<?> ids)) {
            return null;
        }
        return ids.stream().map(id -> ((Number) id).longValue()).sorted().map(String::valueOf).toList();
    }

    static OdooTaskState state(String odooState) {
        if (odooState == null) {
            return OdooTaskState.UNKNOWN;
        }
        return switch (odooState) {
            case "01_in_progress" -> OdooTaskState.IN_PROGRESS;
            case "02_changes_requested" -> OdooTaskState.CHANGES_REQUESTED;
            case "03_approved" -> OdooTaskState.APPROVED;
            case "04_waiting_normal" -> OdooTaskState.WAITING;
            case "1_done" -> OdooTaskState.DONE;
            case "1_canceled" -> OdooTaskState.CANCELLED;
            default -> OdooTaskState.UNKNOWN;
        };
    }

    private static String referenceId(OdooRecord record, String field) {
        return record.values().get(field) instanceof Reference reference ? Long.toString(reference.id()) : null;
    }

    private static String referenceName(OdooRecord record, String field) {
        return record.values().get(field) instanceof Reference reference ? reference.name() : null;
    }

    /** A name Odoo requires; a record without one is still published, named by its model and id. */
    private static String text(OdooRecord record, String field) {
        Object value = record.values().get(field);
        return value == null ? record.model().model() + "," + record.id() : value.toString();
    }

    private static boolean flag(OdooRecord record, String field) {
        return Boolean.TRUE.equals(record.values().get(field));
    }
}
