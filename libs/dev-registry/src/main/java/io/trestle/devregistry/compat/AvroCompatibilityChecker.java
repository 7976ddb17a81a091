package io.trestle.devregistry.compat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Apicurio's Avro compatibility semantics: Avro's {@link SchemaCompatibility} decides, each of its incompatibilities
 * becomes one {@link RuleViolation} (message, location), and the levels combine directions and history as Apicurio's
 * {@code AbstractCompatibilityChecker} does.
 *
 * <p>
 * Apicurio collects the differences in a {@code HashSet}, so with several of them its order varies between runs; here
 * they keep Avro's order (deduplicated), which is one of the orders Apicurio can produce.
 */
final class AvroCompatibilityChecker {

    /**
     * @param existing
     *            the artifact's current schemas, oldest first; empty means anything is compatible
     * @return the incompatibilities, empty when compatible
     */
    List<RuleViolation> check(CompatibilityLevel level, List<SchemaText> existing, SchemaText proposed) {
        if (existing.isEmpty() || level == CompatibilityLevel.NONE) {
            return List.of();
        }
        SchemaText latest = existing.get(existing.size() - 1);
        Set<RuleViolation> differences = new LinkedHashSet<>();
        switch (level) {
            case BACKWARD -> differences.addAll(canRead(proposed, latest));
            case FORWARD -> differences.addAll(canRead(latest, proposed));
            case FULL -> {
                differences.addAll(canRead(proposed, latest));
                differences.addAll(canRead(latest, proposed));
            }
            case BACKWARD_TRANSITIVE ->
                newestFirst(existing).forEach(old -> differences.addAll(canRead(proposed, old)));
            case FORWARD_TRANSITIVE -> newestFirst(existing).forEach(old -> differences.addAll(canRead(old, proposed)));
            case FULL_TRANSITIVE -> {
                newestFirst(existing).forEach(old -> differences.addAll(canRead(proposed, old)));
                newestFirst(existing).forEach(old -> differences.addAll(canRead(old, proposed)));
            }
            case NONE -> {
                // handled above
            }
        }
        return List.copyOf(differences);
    }

    private static List<SchemaText> newestFirst(List<SchemaText> existing) {
        List<SchemaText> reversed = new ArrayList<>(existing);
        Collections.reverse(reversed);
        return reversed;
    }

    /** The incompatibilities that keep {@code reader} from reading data written with {@code writer}. */
    private static List<RuleViolation> canRead(SchemaText reader, SchemaText writer) {
        Schema readerSchema;
        Schema writerSchema;
        try {
            // One parser each: a shared parser would leak one schema's named types into the other.
            readerSchema = AvroSchemas.parse(reader);
            writerSchema = AvroSchemas.parse(writer);
        } catch (RuntimeException e) {
            throw new UnprocessableSchemaException("Could not execute compatibility rule on invalid Avro schema", e);
        }
        List<RuleViolation> violations = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility
                .checkReaderWriterCompatibility(readerSchema, writerSchema).getResult().getIncompatibilities()) {
            violations.add(new RuleViolation(incompatibility.getMessage(), incompatibility.getLocation()));
        }
        return violations;
    }
}
