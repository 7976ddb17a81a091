package io.trestle.schedule.model;

import java.util.Locale;
import java.util.Optional;

import org.mpxj.FieldType;
import org.mpxj.FieldTypeClass;
import org.mpxj.ProjectFile;
import org.mpxj.Resource;
import org.mpxj.ResourceField;
import org.mpxj.ResourceType;

/** Tells crews from equipment and from resources that are neither, by the rules of the file's planner. */
final class ResourceClassifier {

    enum Kind {
        CREW,
        EQUIPMENT,
        MATERIAL,
        COST,
        ROLE
    }

    private final ScheduleFormat format;
    private final EquipmentRules rules;
    private final Optional<FieldType> flag;

    ResourceClassifier(ScheduleFormat format, EquipmentRules rules, ProjectFile project) {
        this.format = format;
        this.rules = rules;
        this.flag = rules.flagField().flatMap(name -> flagField(name, project));
    }

    Kind classify(Resource resource) {
        if (resource.getRole()) {
            return Kind.ROLE;
        }
        ResourceType type = resource.getType() == null ? ResourceType.WORK : resource.getType();
        if (format.isPrimavera()) {
            // MPXJ has no equipment type: it reads P6's RT_Equip (PMXML: Nonlabor) as COST, which P6 files use for
            // nothing else (P6 cost items are expenses, not resources).
            return switch (type) {
                case WORK -> Kind.CREW;
                case COST -> Kind.EQUIPMENT;
                case MATERIAL -> Kind.MATERIAL;
            };
        }
        return switch (type) {
            case WORK -> markedAsEquipment(resource) ? Kind.EQUIPMENT : Kind.CREW;
            case COST -> Kind.COST;
            case MATERIAL -> Kind.MATERIAL;
        };
    }

    private boolean markedAsEquipment(Resource resource) {
        return rules.inGroup(resource.getGroup()) || rules.listed(resource.getName())
                || rules.listed(resource.getCode())
                || flag.map(field -> Boolean.TRUE.equals(resource.get(field))).orElse(false);
    }

    /**
     * The flag field by its MS Project name ({@code Flag7}) or by the alias the file gives it. A file without that
     * alias marks nothing with it: the other rules still apply.
     */
    private static Optional<FieldType> flagField(String name, ProjectFile project) {
        String constant = name.trim().toUpperCase(Locale.ROOT);
        if (constant.matches("FLAG([1-9]|1[0-9]|20)")) {
            return Optional.of(ResourceField.valueOf(constant));
        }
        return Optional.ofNullable(project.getCustomFields().getFieldTypeByAlias(FieldTypeClass.RESOURCE, name.trim()));
    }
}
