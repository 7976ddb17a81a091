package io.trestle.devregistry.store;

/**
 * A failure the registry reports to its client. The kinds and message texts are those of Apicurio Registry 3.3.3
 * (recorded in {@code PROTOCOL.md} §4), including its odd spots, because clients and tests match on them.
 */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The Apicurio exception each failure stands for, with the HTTP status the v3 API answers it with. */
    public enum Kind {

        ARTIFACT_NOT_FOUND(404, "ArtifactNotFoundException"),
        VERSION_NOT_FOUND(404, "VersionNotFoundException"),
        CONTENT_NOT_FOUND(404, "ContentNotFoundException"),
        RULE_NOT_FOUND(404, "RuleNotFoundException"),
        ARTIFACT_ALREADY_EXISTS(409, "ArtifactAlreadyExistsException"),
        VERSION_ALREADY_EXISTS(409, "VersionAlreadyExistsException"),
        RULE_ALREADY_EXISTS(409, "RuleAlreadyExistsException"),
        INVALID_ARTIFACT_TYPE(400, "InvalidArtifactTypeException"),
        MISSING_PARAMETER(400, "MissingRequiredParameterException"),
        BAD_REQUEST(400, "BadRequestException");

        private final int status;
        private final String exceptionName;

        Kind(int status, String exceptionName) {
            this.status = status;
            this.exceptionName = exceptionName;
        }

        public int status() {
            return status;
        }

        public String exceptionName() {
            return exceptionName;
        }
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Apicurio prints the raw group id here, so the default group shows as {@code 'null'}. */
    static RegistryException artifactNotFound(String groupId, String artifactId) {
        return new RegistryException(Kind.ARTIFACT_NOT_FOUND,
                "No artifact with ID '" + artifactId + "' in group '" + groupId + "' was found.");
    }

    static RegistryException versionNotFound(String groupShown, String artifactId, String version) {
        return new RegistryException(Kind.VERSION_NOT_FOUND, "No version '" + version
                + "' found for artifact with ID '" + artifactId + "' in group '" + groupShown + "'.");
    }

    static RegistryException globalIdNotFound(long globalId) {
        return new RegistryException(Kind.VERSION_NOT_FOUND, "No version with global ID '" + globalId + "' found.");
    }

    /** Apicurio looks the references of a globalId up as the artifact {@code gid-<id>}, and says so (sic). */
    static RegistryException globalIdReferencesNotFound(long globalId) {
        return artifactNotFound(null, "gid-" + globalId);
    }

    static RegistryException contentIdNotFound(long contentId) {
        return new RegistryException(Kind.CONTENT_NOT_FOUND, "No content with ID '" + contentId + "' was found.");
    }

    static RegistryException contentHashNotFound(String hash) {
        return new RegistryException(Kind.CONTENT_NOT_FOUND, "No content with hash '" + hash + "' was found.");
    }

    static RegistryException ruleNotFound(RuleType type) {
        return new RegistryException(Kind.RULE_NOT_FOUND, "No rule named '" + type + "' was found.");
    }

    static RegistryException ruleAlreadyExists(RuleType type) {
        return new RegistryException(Kind.RULE_ALREADY_EXISTS, "A rule named '" + type + "' already exists.");
    }

    static RegistryException artifactAlreadyExists(String groupShown, String artifactId) {
        return new RegistryException(Kind.ARTIFACT_ALREADY_EXISTS,
                "An artifact with ID '" + artifactId + "' in group '" + groupShown + "' already exists.");
    }

    static RegistryException versionAlreadyExists(String groupShown, String artifactId, String version) {
        return new RegistryException(Kind.VERSION_ALREADY_EXISTS, "An artifact version '" + version
                + "' for artifact ID '" + artifactId + "' in group '" + groupShown + "' already exists.");
    }

    public static RegistryException missingParameter(String parameter) {
        return new RegistryException(Kind.MISSING_PARAMETER,
                "Request is missing a required parameter: " + parameter);
    }

    public static RegistryException badRequest(String message) {
        return new RegistryException(Kind.BAD_REQUEST, message);
    }
}
