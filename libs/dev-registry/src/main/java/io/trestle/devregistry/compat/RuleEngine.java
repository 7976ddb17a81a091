package io.trestle.devregistry.compat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.trestle.devregistry.store.RuleType;

/**
 * Applies the VALIDITY and COMPATIBILITY rules in force to new content, with Apicurio's messages. INTEGRITY rules are
 * stored but not enforced (see the README).
 */
public final class RuleEngine {

    private static final Set<String> VALIDITY_LEVELS = Set.of("NONE", "SYNTAX_ONLY", "FULL");
    private static final Set<String> INTEGRITY_LEVELS = Set.of("NONE", "REFS_EXIST", "ALL_REFS_MAPPED",
            "NO_DUPLICATES", "FULL");

    private final AvroCompatibilityChecker compatibilityChecker = new AvroCompatibilityChecker();

    /** Whether {@code config} is a configuration Apicurio accepts for a rule of this type. */
    public static boolean isValidConfig(RuleType type, String config) {
        if (config == null) {
            return false;
        }
        return switch (type) {
            case VALIDITY -> VALIDITY_LEVELS.contains(config);
            case COMPATIBILITY -> CompatibilityLevel.parse(config).isPresent();
            case INTEGRITY -> Arrays.stream(config.split(",")).map(String::trim).allMatch(INTEGRITY_LEVELS::contains);
        };
    }

    /**
     * @param rules
     *            the rules in force, by type, with their configuration
     * @param existing
     *            the artifact's current content, oldest first (empty for a new artifact)
     * @throws RuleViolationException
     *             when a rule rejects the content
     * @throws UnprocessableSchemaException
     *             when compatibility cannot be checked because a schema does not parse
     */
    public void apply(Map<RuleType, String> rules, String artifactId, String artifactType, List<SchemaText> existing,
            SchemaText proposed) {
        String validity = rules.get(RuleType.VALIDITY);
        if (validity != null && !"NONE".equals(validity) && !AvroSchemas.isValid(proposed)) {
            throw new RuleViolationException("Syntax violation for Avro artifact.", List.of());
        }
        String compatibility = rules.get(RuleType.COMPATIBILITY);
        if (compatibility != null) {
            CompatibilityLevel level = CompatibilityLevel.parse(compatibility).orElse(CompatibilityLevel.NONE);
            List<RuleViolation> differences = compatibilityChecker.check(level, existing, proposed);
            if (!differences.isEmpty()) {
                throw new RuleViolationException(incompatibleMessage(artifactId, artifactType, differences),
                        differences);
            }
        }
    }

    private static String incompatibleMessage(String artifactId, String artifactType,
            List<RuleViolation> differences) {
        return "Incompatible artifact: " + artifactId + " [" + artifactType + "], num of incompatible diffs: {"
                + differences.size() + "}, list of diff types: "
                + differences.stream().map(RuleViolation::readable).collect(Collectors.joining(", ", "[", "]"));
    }
}
