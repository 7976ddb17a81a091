package io.trestle.schedule.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.trestle.schema.common.ExternalId;

/** A crosswalk held in a map, filled with what the Harbour Quay fixtures need. */
public class MapCrosswalk implements Crosswalk {

    public final Map<String, String> mappings = new HashMap<>(Map.ofEntries(
            Map.entry("p6|project|HQ-2025", "41"),
            Map.entry("p6|activity|HQ-2025:Q1000", "1000"),
            Map.entry("p6|activity|HQ-2025:Q1010", "1010"),
            Map.entry("p6|activity|HQ-2025:Q1020", "1020"),
            Map.entry("p6|activity|HQ-2025:Q1030", "1030"),
            Map.entry("p6|crew|PILE-CREW", "7"),
            Map.entry("p6|crew|STEEL-CREW", "8"),
            Map.entry("p6|crew|CONC-CREW", "9"),
            Map.entry("p6|crew|CONC-SUB", "10"),
            Map.entry("p6|equipment|PR-300", "asset-300"),
            Map.entry("p6|equipment|CR-50", "asset-50"),
            Map.entry("p6|equipment|EX-12", "asset-12")));

    @Override
    public Optional<String> resolve(ExternalId id) {
        return Optional.ofNullable(mappings.get(id.getSystem() + "|" + id.getEntityType() + "|" + id.getValue()));
    }

    @Override
    public boolean ready() {
        return true;
    }
}
