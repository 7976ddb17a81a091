package io.trestle.schedule.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which MS Project work resources are equipment. MS Project has no equipment resource type, so each company marks its
 * machines its own way; any one of these rules makes a work resource equipment. P6 files need none: their resources of
 * type RT_Equip are equipment.
 *
 * @param groups
 *            resource groups (MS Project Group) whose members are equipment, e.g. {@code Equipment}, {@code Plant};
 *            compared ignoring case
 * @param flagField
 *            a resource flag field that is set on equipment, by name ({@code Flag1} … {@code Flag20}) or by the alias
 *            the company gave it (e.g. {@code Is Equipment})
 * @param resources
 *            names or codes of resources that are equipment; compared ignoring case
 */
public record EquipmentRules(Set<String> groups, Optional<String> flagField, Set<String> resources) {

    /** No MS Project resource is equipment. */
    public static final EquipmentRules NONE = new EquipmentRules(Set.of(), Optional.empty(), Set.of());

    public EquipmentRules {
        groups = lowerCase(groups);
        resources = lowerCase(resources);
    }

    public boolean inGroup(String group) {
        return group != null && groups.contains(group.trim().toLowerCase(Locale.ROOT));
    }

    public boolean listed(String nameOrCode) {
        return nameOrCode != null && resources.contains(nameOrCode.trim().toLowerCase(Locale.ROOT));
    }

    private static Set<String> lowerCase(Set<String> values) {
        return values.stream().map(value -> value.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
