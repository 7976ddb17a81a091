package io.trestle.devregistry.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import io.trestle.devregistry.compat.AvroSchemas;
import io.trestle.devregistry.compat.CompatibilityLevel;
import io.trestle.devregistry.compat.RuleEngine;
import io.trestle.devregistry.compat.RuleViolationException;
import io.trestle.devregistry.compat.SchemaText;

/**
 * The registry's state and every operation on it, with Apicurio Registry 3.3.3's semantics. One lock guards it all: the
 * dev registry serves tests and a local stack, where simplicity beats throughput.
 *
 * <h2>How ids are handed out (derived from the recording)</h2> globalIds come from a dense sequence, one per created
 * version. contentIds come from a separate sequence, and <em>every</em> attempt to store content consumes one, even
 * when the content (text plus references) already exists and the existing id is returned: that is what Apicurio's SQL
 * storage does ({@code ensureContentAndGetId} takes the next id, then tries the insert). Content is stored before
 * Apicurio notices that an artifact already exists, so:
 * <ul>
 * <li>creating an artifact with a first version consumes one contentId (after the global rules pass);</li>
 * <li>{@code ifExists=FIND_OR_CREATE_VERSION} on an existing artifact consumes one and stores the content, then returns
 * the matching version or creates a version, which consumes another once all rules pass (a version refused by a rule
 * thus leaves stored content and a consumed id behind, as in the recording);</li>
 * <li>creating a version consumes one once the rules pass; when a rule refuses it, none;</li>
 * <li>ccompat register returns the id of content already registered under the subject without consuming any.</li>
 * </ul>
 * Replaying the recorded requests from an empty registry reproduces every recorded id, gaps included.
 */
public final class RegistryStore {

    public static final String AVRO = "AVRO";
    private static final String BRANCH_PREFIX = "branch=";

    private final Map<ArtifactKey, Artifact> artifacts = new LinkedHashMap<>();
    private final ContentTable contents = new ContentTable();
    private final TreeMap<Long, ArtifactVersion> versionsByGlobalId = new TreeMap<>();
    private final EnumMap<RuleType, String> globalRules = new EnumMap<>(RuleType.class);
    private final RuleEngine ruleEngine = new RuleEngine();
    private final SnapshotFile snapshotFile;
    private long nextGlobalId = 1;
    private boolean dirty;

    private RegistryStore(SnapshotFile snapshotFile) {
        this.snapshotFile = snapshotFile;
    }

    public static RegistryStore inMemory() {
        return new RegistryStore(null);
    }

    /** A store whose state is kept in {@code snapshotFile}: loaded now, rewritten after every change. */
    public static RegistryStore persistent(SnapshotFile snapshotFile) {
        RegistryStore store = new RegistryStore(snapshotFile);
        snapshotFile.read().ifPresent(store::restore);
        return store;
    }

    // ------------------------------------------------------------------ v3: artifacts and versions

    public synchronized CreateArtifactResult createArtifact(String groupId, String artifactId, String artifactType,
            VersionInput firstVersion, IfExists ifExists, boolean canonical) {
        return mutate(() -> {
            String group = rawGroup(groupId);
            String type = artifactType(artifactType, firstVersion);
            String id = artifactId == null || artifactId.isBlank() ? UUID.randomUUID().toString() : artifactId;
            long contentId = -1;
            if (firstVersion != null) {
                // Apicurio applies only the global rules here (there is no existing content to compare with)...
                ruleEngine.apply(globalRules, id, type, List.of(), resolve(firstVersion));
                // ...and stores the content before it finds out whether the artifact exists.
                contentId = ensureContent(firstVersion);
            }
            Artifact existing = artifacts.get(new ArtifactKey(group, id));
            if (existing != null) {
                return onExistingArtifact(existing, firstVersion, ifExists, canonical);
            }
            long now = now();
            Artifact artifact = addArtifact(group, id, type, now);
            ArtifactVersion version = firstVersion == null
                    ? null
                    : addVersion(artifact, firstVersion.version(), contentId, now);
            return new CreateArtifactResult(artifact.metaData(), version);
        });
    }

    private CreateArtifactResult onExistingArtifact(Artifact artifact, VersionInput firstVersion, IfExists ifExists,
            boolean canonical) {
        IfExists option = firstVersion == null || ifExists == null ? IfExists.FAIL : ifExists;
        return switch (option) {
            case FAIL -> throw RegistryException.artifactAlreadyExists(shownGroup(artifact.groupId),
                    artifact.artifactId);
            case CREATE_VERSION -> new CreateArtifactResult(artifact.metaData(),
                    createVersion(artifact, firstVersion));
            case FIND_OR_CREATE_VERSION -> new CreateArtifactResult(artifact.metaData(),
                    findVersionByContent(artifact, firstVersion, canonical)
                            .orElseGet(() -> createVersion(artifact, firstVersion)));
        };
    }

    public synchronized ArtifactVersion createVersion(String groupId, String artifactId, VersionInput input) {
        return mutate(() -> createVersion(artifact(groupId, artifactId), input));
    }

    public synchronized ArtifactMetaData artifactMetaData(String groupId, String artifactId) {
        return artifact(groupId, artifactId).metaData();
    }

    /** The artifact's versions in creation order. */
    public synchronized List<ArtifactVersion> versions(String groupId, String artifactId) {
        return List.copyOf(artifact(groupId, artifactId).versions);
    }

    /**
     * @param versionExpression
     *            a version name, or {@code branch=latest} for the newest version
     */
    public synchronized ArtifactVersion version(String groupId, String artifactId, String versionExpression) {
        String group = rawGroup(groupId);
        Artifact artifact = artifacts.get(new ArtifactKey(group, artifactId));
        if (versionExpression.startsWith(BRANCH_PREFIX)) {
            String branch = versionExpression.substring(BRANCH_PREFIX.length());
            if (artifact == null || artifact.versions.isEmpty() || !"latest".equals(branch)) {
                // Apicurio names the group 'default' in this message, unlike the others.
                throw RegistryException.versionNotFound(group == null ? "default" : group, artifactId,
                        "<tip of the branch '" + branch + "'>");
            }
            return artifact.versions.get(artifact.versions.size() - 1);
        }
        if (artifact != null) {
            for (ArtifactVersion version : artifact.versions) {
                if (version.version().equals(versionExpression)) {
                    return version;
                }
            }
        }
        throw RegistryException.versionNotFound(shownGroup(group), artifactId, versionExpression);
    }

    public synchronized StoredContent content(ArtifactVersion version) {
        return contents.get(version.contentId());
    }

    public synchronized List<ArtifactMetaData> artifacts(String groupFilter) {
        return artifacts.values().stream()
                .filter(a -> groupFilter == null || equalsNullable(a.groupId, rawGroup(groupFilter)))
                .sorted(Comparator.comparing(a -> a.artifactId)).map(Artifact::metaData).toList();
    }

    /**
     * The versions whose content text equals {@code content} (ignoring references, which a raw-body search cannot
     * carry), in globalId order. With {@code canonical}, texts are compared after parsing and re-printing them.
     */
    public synchronized List<ArtifactVersion> versionsWithContent(String groupFilter, String artifactIdFilter,
            String artifactTypeFilter, String content, boolean canonical) {
        String wanted = canonical ? canonicalForm(SchemaText.standalone(content)) : content;
        return versionsByGlobalId.values().stream()
                .filter(v -> groupFilter == null || equalsNullable(v.groupId(), rawGroup(groupFilter)))
                .filter(v -> artifactIdFilter == null || v.artifactId().equals(artifactIdFilter))
                .filter(v -> artifactTypeFilter == null || v.artifactType().equals(artifactTypeFilter))
                .filter(v -> {
                    StoredContent stored = contents.get(v.contentId());
                    String text = canonical ? canonicalForm(resolve(stored)) : stored.content();
                    return text.equals(wanted);
                }).toList();
    }

    // ------------------------------------------------------------------ v3: ids

    public synchronized StoredContent contentById(long contentId) {
        StoredContent content = contents.get(contentId);
        if (content == null) {
            throw RegistryException.contentIdNotFound(contentId);
        }
        return content;
    }

    public synchronized StoredContent contentByHash(String contentHash) {
        return contents.byHash(contentHash).orElseThrow(() -> RegistryException.contentHashNotFound(contentHash));
    }

    public synchronized ArtifactVersion versionByGlobalId(long globalId) {
        ArtifactVersion version = versionsByGlobalId.get(globalId);
        if (version == null) {
            throw RegistryException.globalIdNotFound(globalId);
        }
        return version;
    }

    public synchronized List<ArtifactReference> referencesByGlobalId(long globalId) {
        ArtifactVersion version = versionsByGlobalId.get(globalId);
        if (version == null) {
            throw RegistryException.globalIdReferencesNotFound(globalId);
        }
        return contents.get(version.contentId()).references();
    }

    /** The content with the texts of everything it references (transitively), for parsing or dereferencing. */
    public synchronized SchemaText resolve(StoredContent content) {
        return new SchemaText(content.content(), referencedContents(content.references()));
    }

    /** The proposed content with the texts of everything it references, for parsing it. */
    public synchronized SchemaText resolve(VersionInput input) {
        return new SchemaText(input.content(), referencedContents(input.references()));
    }

    // ------------------------------------------------------------------ rules

    public synchronized Map<RuleType, String> globalRules() {
        return new EnumMap<>(globalRules);
    }

    public synchronized String globalRule(RuleType type) {
        String config = globalRules.get(type);
        if (config == null) {
            throw RegistryException.ruleNotFound(type);
        }
        return config;
    }

    public synchronized void createGlobalRule(RuleType type, String config) {
        mutate(() -> {
            if (globalRules.containsKey(type)) {
                throw RegistryException.ruleAlreadyExists(type);
            }
            return putRule(globalRules, type, config);
        });
    }

    public synchronized void updateGlobalRule(RuleType type, String config) {
        mutate(() -> putRule(globalRules, type, config(globalRules, type, config)));
    }

    public synchronized void deleteGlobalRule(RuleType type) {
        mutate(() -> removeRule(globalRules, type));
    }

    public synchronized void deleteGlobalRules() {
        mutate(() -> clearRules(globalRules));
    }

    public synchronized Map<RuleType, String> artifactRules(String groupId, String artifactId) {
        return new EnumMap<>(artifact(groupId, artifactId).rules);
    }

    public synchronized String artifactRule(String groupId, String artifactId, RuleType type) {
        String config = artifact(groupId, artifactId).rules.get(type);
        if (config == null) {
            throw RegistryException.ruleNotFound(type);
        }
        return config;
    }

    public synchronized void createArtifactRule(String groupId, String artifactId, RuleType type, String config) {
        mutate(() -> {
            Artifact artifact = artifact(groupId, artifactId);
            if (artifact.rules.containsKey(type)) {
                throw RegistryException.ruleAlreadyExists(type);
            }
            return putRule(artifact.rules, type, config);
        });
    }

    public synchronized void updateArtifactRule(String groupId, String artifactId, RuleType type, String config) {
        mutate(() -> {
            Artifact artifact = artifact(groupId, artifactId);
            return putRule(artifact.rules, type, config(artifact.rules, type, config));
        });
    }

    /** Creates the rule or replaces its configuration, as ccompat's {@code PUT /config/{subject}} does. */
    public synchronized void putArtifactRule(String groupId, String artifactId, RuleType type, String config) {
        mutate(() -> putRule(artifact(groupId, artifactId).rules, type, config));
    }

    public synchronized void deleteArtifactRule(String groupId, String artifactId, RuleType type) {
        mutate(() -> removeRule(artifact(groupId, artifactId).rules, type));
    }

    public synchronized void deleteArtifactRules(String groupId, String artifactId) {
        mutate(() -> clearRules(artifact(groupId, artifactId).rules));
    }

    // ------------------------------------------------------------------ ccompat (subjects are artifacts of the default group)

    public synchronized List<String> subjects() {
        return artifacts.values().stream().filter(a -> a.groupId == null).map(a -> a.artifactId).sorted().toList();
    }

    /**
     * Registers a schema under a subject. Content already registered under the subject returns its id and creates
     * nothing; otherwise the subject's rules apply and a version is created (or the subject, with version 1).
     *
     * @return the contentId, which is the ccompat schema id
     */
    public synchronized long registerSchema(String subject, VersionInput input) {
        return mutate(() -> {
            Artifact artifact = artifacts.get(new ArtifactKey(null, subject));
            if (artifact != null) {
                return findVersionByContent(artifact, input, false).orElseGet(() -> createVersion(artifact, input))
                        .contentId();
            }
            ruleEngine.apply(globalRules, subject, AVRO, List.of(), resolve(input));
            long contentId = ensureContent(input);
            long now = now();
            return addVersion(addArtifact(null, subject, AVRO, now), null, contentId, now).contentId();
        });
    }

    /** The newest version of the subject whose content (text and references) is exactly {@code input}'s. */
    public synchronized Optional<ArtifactVersion> findSchema(String subject, VersionInput input) {
        return findVersionByContent(artifact(null, subject), input, false);
    }

    /**
     * Whether {@code proposed} passes the subject's rules against one version ({@code versionExpression}) or against
     * each version ({@code null}).
     *
     * <p>
     * Recorded quirk: with no COMPATIBILITY rule in force, Apicurio's ccompat check still judges compatibility, as
     * BACKWARD does (an incompatible schema got {@code false} while {@code GET /config} said NONE).
     */
    public synchronized boolean isCompatible(String subject, String versionExpression, VersionInput proposed) {
        Artifact artifact = artifact(null, subject);
        List<ArtifactVersion> against = versionExpression == null
                ? artifact.versions
                : List.of(version(null, subject, versionExpression));
        Map<RuleType, String> rules = rulesInForce(artifact);
        rules.putIfAbsent(RuleType.COMPATIBILITY, CompatibilityLevel.BACKWARD.name());
        SchemaText proposedText = resolve(proposed);
        try {
            for (ArtifactVersion version : against) {
                ruleEngine.apply(rules, subject, artifact.artifactType,
                        List.of(resolve(contents.get(version.contentId()))),
                        proposedText);
            }
            return true;
        } catch (RuleViolationException e) {
            return false;
        }
    }

    /** The versions (any group) whose content is {@code contentId}, in globalId order. */
    public synchronized List<ArtifactVersion> versionsWithContentId(long contentId) {
        return versionsByGlobalId.values().stream().filter(v -> v.contentId() == contentId).toList();
    }

    /** The ids of the content that references the given artifact version. */
    public synchronized List<Long> contentIdsReferencing(String groupId, String artifactId, String version) {
        String group = rawGroup(groupId);
        return contents.all().stream().filter(c -> c.references().stream()
                .anyMatch(r -> equalsNullable(rawGroup(r.groupId()), group) && r.artifactId().equals(artifactId)
                        && r.version().equals(version)))
                .map(StoredContent::contentId).toList();
    }

    // ------------------------------------------------------------------ internals

    private ArtifactVersion createVersion(Artifact artifact, VersionInput input) {
        List<SchemaText> existing = artifact.versions.stream().map(v -> resolve(contents.get(v.contentId())))
                .toList();
        ruleEngine.apply(rulesInForce(artifact), artifact.artifactId, artifact.artifactType, existing,
                resolve(input));
        long contentId = ensureContent(input);
        return addVersion(artifact, input.version(), contentId, now());
    }

    private Artifact addArtifact(String group, String artifactId, String artifactType, long now) {
        Artifact artifact = new Artifact(group, artifactId, artifactType, now, now);
        artifacts.put(artifact.key(), artifact);
        dirty = true;
        return artifact;
    }

    private ArtifactVersion addVersion(Artifact artifact, String requestedVersion, long contentId, long now) {
        String name = requestedVersion != null ? requestedVersion : artifact.nextVersionName();
        if (artifact.versions.stream().anyMatch(v -> v.version().equals(name))) {
            throw RegistryException.versionAlreadyExists(shownGroup(artifact.groupId), artifact.artifactId, name);
        }
        ArtifactVersion version = new ArtifactVersion(artifact.groupId, artifact.artifactId, name,
                artifact.artifactType, nextGlobalId++, contentId, now, now);
        artifact.versions.add(version);
        versionsByGlobalId.put(version.globalId(), version);
        dirty = true;
        return version;
    }

    /** Stores the content unless it exists; consumes a contentId either way (see the class comment). */
    private long ensureContent(VersionInput input) {
        dirty = true;
        return contents.ensure(input);
    }

    private Optional<ArtifactVersion> findVersionByContent(Artifact artifact, VersionInput input, boolean canonical) {
        String wanted = canonical ? canonicalForm(resolve(input)) : input.content();
        for (int i = artifact.versions.size() - 1; i >= 0; i--) {
            ArtifactVersion version = artifact.versions.get(i);
            StoredContent stored = contents.get(version.contentId());
            String text = canonical ? canonicalForm(resolve(stored)) : stored.content();
            if (text.equals(wanted) && stored.references().equals(input.references())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** For each rule type, the artifact's rule if it has one, else the global rule. */
    private Map<RuleType, String> rulesInForce(Artifact artifact) {
        Map<RuleType, String> rules = new EnumMap<>(globalRules);
        rules.putAll(artifact.rules);
        return rules;
    }

    /** Referenced texts, dependencies first; references that resolve to nothing are left out, as Apicurio does. */
    private List<String> referencedContents(List<ArtifactReference> references) {
        Map<Long, String> ordered = new LinkedHashMap<>();
        collectReferenced(references, ordered);
        return List.copyOf(ordered.values());
    }

    private void collectReferenced(List<ArtifactReference> references, Map<Long, String> into) {
        for (ArtifactReference reference : references) {
            Artifact artifact = artifacts.get(new ArtifactKey(rawGroup(reference.groupId()), reference.artifactId()));
            if (artifact == null) {
                continue;
            }
            artifact.versions.stream().filter(v -> v.version().equals(reference.version())).findFirst()
                    .map(v -> contents.get(v.contentId())).filter(c -> !into.containsKey(c.contentId()))
                    .ifPresent(c -> {
                        collectReferenced(c.references(), into);
                        into.putIfAbsent(c.contentId(), c.content());
                    });
        }
    }

    private Artifact artifact(String groupId, String artifactId) {
        String group = rawGroup(groupId);
        Artifact artifact = artifacts.get(new ArtifactKey(group, artifactId));
        if (artifact == null) {
            throw RegistryException.artifactNotFound(group, artifactId);
        }
        return artifact;
    }

    private static String artifactType(String requested, VersionInput firstVersion) {
        if (requested != null) {
            if (!AVRO.equals(requested)) {
                throw new RegistryException(RegistryException.Kind.INVALID_ARTIFACT_TYPE, "Artifact type '"
                        + requested + "' is not supported: the Trestle dev registry stores AVRO artifacts only.");
            }
            return requested;
        }
        if (firstVersion != null && !AvroSchemas.isValid(SchemaText.standalone(firstVersion.content()))) {
            throw new RegistryException(RegistryException.Kind.INVALID_ARTIFACT_TYPE,
                    "Failed to discover artifact type from content.");
        }
        return AVRO;
    }

    private static String config(Map<RuleType, String> rules, RuleType type, String config) {
        if (!rules.containsKey(type)) {
            throw RegistryException.ruleNotFound(type);
        }
        return config;
    }

    private Void putRule(Map<RuleType, String> rules, RuleType type, String config) {
        rules.put(type, config);
        dirty = true;
        return null;
    }

    private Void removeRule(Map<RuleType, String> rules, RuleType type) {
        if (rules.remove(type) == null) {
            throw RegistryException.ruleNotFound(type);
        }
        dirty = true;
        return null;
    }

    private Void clearRules(Map<RuleType, String> rules) {
        rules.clear();
        dirty = true;
        return null;
    }

    /** Runs a change and persists whatever it changed, also when it then failed (a failure can consume ids). */
    private <T> T mutate(Supplier<T> change) {
        try {
            return change.get();
        } finally {
            if (dirty && snapshotFile != null) {
                snapshotFile.write(snapshot());
            }
            dirty = false;
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** Parsed and re-printed by Avro, so formatting differences vanish; unparseable text stands for itself. */
    private static String canonicalForm(SchemaText text) {
        try {
            return AvroSchemas.dereference(text);
        } catch (RuntimeException e) {
            return text.content();
        }
    }

    /** Apicurio keeps the default group as a null group id; so does this store. */
    static String rawGroup(String groupId) {
        return groupId == null || "default".equals(groupId) ? null : groupId;
    }

    private static String shownGroup(String rawGroup) {
        return String.valueOf(rawGroup);
    }

    private static boolean equalsNullable(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    // ------------------------------------------------------------------ persistence

    private Snapshot snapshot() {
        List<Snapshot.ArtifactState> artifactStates = new ArrayList<>();
        for (Artifact artifact : artifacts.values()) {
            artifactStates.add(new Snapshot.ArtifactState(artifact.groupId, artifact.artifactId, artifact.artifactType,
                    artifact.createdOn, artifact.modifiedOn, List.copyOf(artifact.versions),
                    new EnumMap<>(artifact.rules)));
        }
        return new Snapshot(Snapshot.FORMAT, nextGlobalId, contents.nextId(), List.copyOf(contents.all()),
                artifactStates, new EnumMap<>(globalRules));
    }

    private void restore(Snapshot snapshot) {
        nextGlobalId = snapshot.nextGlobalId();
        contents.restore(snapshot.nextContentId(), snapshot.contents());
        for (Snapshot.ArtifactState state : snapshot.artifacts()) {
            Artifact artifact = new Artifact(state.groupId(), state.artifactId(), state.artifactType(),
                    state.createdOn(), state.modifiedOn());
            artifact.versions.addAll(state.versions());
            artifact.rules.putAll(state.rules());
            artifacts.put(artifact.key(), artifact);
            state.versions().forEach(v -> versionsByGlobalId.put(v.globalId(), v));
        }
        globalRules.putAll(snapshot.globalRules());
    }

    private record ArtifactKey(String groupId, String artifactId) {
    }

    private static final class Artifact {

        private final String groupId;
        private final String artifactId;
        private final String artifactType;
        private final long createdOn;
        private final long modifiedOn;
        private final List<ArtifactVersion> versions = new ArrayList<>();
        private final EnumMap<RuleType, String> rules = new EnumMap<>(RuleType.class);

        Artifact(String groupId, String artifactId, String artifactType, long createdOn, long modifiedOn) {
            this.groupId = groupId;
            this.artifactId = artifactId;
            this.artifactType = artifactType;
            this.createdOn = createdOn;
            this.modifiedOn = modifiedOn;
        }

        ArtifactKey key() {
            return new ArtifactKey(groupId, artifactId);
        }

        ArtifactMetaData metaData() {
            return new ArtifactMetaData(groupId, artifactId, artifactType, createdOn, modifiedOn);
        }

        /** Apicurio numbers versions 1, 2, 3… when the client names none. */
        String nextVersionName() {
            int candidate = versions.size() + 1;
            while (true) {
                String name = String.valueOf(candidate);
                if (versions.stream().noneMatch(v -> v.version().equals(name))) {
                    return name;
                }
                candidate++;
            }
        }
    }
}
