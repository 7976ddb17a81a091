package io.trestle.odooconnector.mapping;

import io.trestle.schema.common.ExternalId;

/** Keys of the compacted crosswalk topic. */
public final class CrosswalkKeys {

    private CrosswalkKeys() {
    }

    /** {@code system|entityType|value}: the value last, so it may contain any character, even {@code |}. */
    public static String key(ExternalId external) {
        return external.getSystem() + "|" + external.getEntityType() + "|" + external.getValue();
    }
}
