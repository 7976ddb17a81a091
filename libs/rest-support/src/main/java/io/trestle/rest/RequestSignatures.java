package io.trestle.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

/**
 * HMAC-SHA256 request signatures of the clients that have a signing secret, on top of their API key. A signed request
 * carries {@value #TIMESTAMP_HEADER} (Unix time in seconds) and {@value #SIGNATURE_HEADER}
 * ({@code sha256=<64 lowercase hex digits>}), the HMAC of {@code "<timestamp>.<raw body bytes>"} under the client's
 * secret. The timestamp must lie within the tolerance of the server's clock either way, so a captured request cannot be
 * replayed later; binding it into the MAC keeps it from being changed.
 * <p>
 * Secrets come from one property of comma-separated {@code client:secret} entries, like {@link ApiKeys}; a client may
 * be listed more than once, and then any of its secrets verifies, so a secret can be rotated without a window in which
 * the client's requests fail. Secrets and computed signatures never appear in messages, logs or {@link #toString()}.
 */
public final class RequestSignatures {

    public static final String TIMESTAMP_HEADER = "X-Trestle-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Trestle-Signature";
    public static final String SCHEME = "sha256=";

    private static final Logger LOG = Logger.getLogger(RequestSignatures.class);

    /** Shorter secrets are guessable offline from one captured request; 32 random hex digits are 128 bits. */
    static final int MIN_SECRET_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    /** Twelve digits reach the year 33658: any longer value is not a timestamp. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile(Pattern.quote(SCHEME) + "[0-9a-f]{64}");
    private static final String HOW_TO_SIGN = "the lowercase hex HMAC-SHA256, under the client's signing secret, "
            + "of the timestamp, a '.', and the exact bytes of the body";

    private final Map<String, List<SecretKeySpec>> secretsByClient;
    private final Duration tolerance;
    private final Clock clock;

    private RequestSignatures(Map<String, List<SecretKeySpec>> secretsByClient, Duration tolerance, Clock clock) {
        this.secretsByClient = secretsByClient;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Why a request was refused: the reason and, for the caller, what to do about it. */
    public record Rejection(SignatureFailure failure, String detail) {
    }

    /**
     * The signing secrets a service configures in {@code property}, as its producer makes them at startup: refuses
     * per-client properties, parses the entries, refuses a secret of a client without an API key (a typo there would
     * otherwise leave the intended client unsigned without anyone noticing), and logs which clients must sign.
     *
     * @param entries
     *            the property's value, empty when it is not set
     * @param propertyNames
     *            the names of every configured property, to find per-client ones among them
     * @throws IllegalArgumentException
     *             naming the first malformed entry, per-client property or client without an API key
     */
    public static RequestSignatures fromConfig(String property, Optional<List<String>> entries, Duration tolerance,
            Iterable<String> propertyNames, ApiKeys apiKeys) {
        rejectPerClientProperties(property, propertyNames);
        RequestSignatures signatures = parse(property, entries.orElse(List.of()), tolerance);
        for (String client : signatures.clients()) {
            if (!apiKeys.clients().contains(client)) {
                throw new IllegalArgumentException(property + " names client '" + client + "', which has no API key in "
                        + apiKeys.property());
            }
        }
        if (!signatures.clients().isEmpty()) {
            LOG.infof("Clients that must sign their requests (tolerance %s): %s", signatures.tolerance(),
                    String.join(", ", signatures.clients()));
        }
        return signatures;
    }

    /**
     * Parses the configured entries.
     *
     * @param tolerance
     *            how far a request's timestamp may lie from the server's clock, either way
     * @throws IllegalArgumentException
     *             naming the first malformed entry by position (and client, where it has one), or a tolerance that is
     *             not positive
     */
    public static RequestSignatures parse(String property, List<String> entries, Duration tolerance) {
        return parse(property, entries, tolerance, Clock.systemUTC());
    }

    static RequestSignatures parse(String property, List<String> entries, Duration tolerance, Clock clock) {
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the signature tolerance must be positive, was " + tolerance);
        }
        Map<String, List<SecretKeySpec>> secretsByClient = new LinkedHashMap<>();
        List<ClientEntries.Entry> parsed = ClientEntries.parse(property, entries, "secret");
        for (int i = 0; i < parsed.size(); i++) {
            ClientEntries.Entry entry = parsed.get(i);
            if (entry.value().length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(ClientEntries.position(property, i) + " (client '" + entry.client()
                        + "') has a secret shorter than " + MIN_SECRET_LENGTH
                        + " characters; use e.g. the output of 'openssl rand -hex 32'");
            }
            secretsByClient.computeIfAbsent(entry.client(), client -> new ArrayList<>())
                    .add(new SecretKeySpec(entry.value().getBytes(StandardCharsets.UTF_8), ALGORITHM));
        }
        return new RequestSignatures(secretsByClient, tolerance, clock);
    }

    /**
     * Refuses per-client properties ({@code signing-secrets.<client>=<secret>}) instead of ignoring them: ignored, they
     * would leave the client's requests accepted without a signature.
     *
     * @throws IllegalArgumentException
     *             naming the first such property
     */
    public static void rejectPerClientProperties(String property, Iterable<String> propertyNames) {
        ClientEntries.rejectPerClientProperties(property, propertyNames,
                "is not read, and the client would not have to sign", "secret");
    }

    /** The clients that must sign, in configuration order. */
    public Set<String> clients() {
        return Collections.unmodifiableSet(secretsByClient.keySet());
    }

    public Duration tolerance() {
        return tolerance;
    }

    public boolean requiresSignature(String client) {
        return secretsByClient.containsKey(client);
    }

    /**
     * Checks what can be checked without the body: both headers present and well-formed, the timestamp fresh. Lets a
     * filter refuse before reading a body it would discard.
     */
    public Optional<Rejection> checkHeaders(String timestamp, String signature) {
        if (timestamp == null || timestamp.isBlank()) {
            return rejection(SignatureFailure.MISSING_TIMESTAMP, "This client signs its requests: send "
                    + TIMESTAMP_HEADER + " with the Unix time in seconds, and " + SIGNATURE_HEADER + ": " + SCHEME
                    + "<" + HOW_TO_SIGN + ">.");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return rejection(SignatureFailure.MALFORMED_TIMESTAMP, TIMESTAMP_HEADER
                    + " must be the Unix time in whole seconds, e.g. 1764230400.");
        }
        long skewSeconds = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(skewSeconds) > tolerance.toSeconds()) {
            return rejection(SignatureFailure.STALE_TIMESTAMP, TIMESTAMP_HEADER + " " + timestamp + " lies "
                    + Math.abs(skewSeconds) + " s " + (skewSeconds > 0 ? "behind" : "ahead of")
                    + " the server's clock; at most " + tolerance.toSeconds() + " s either way are accepted, so a "
                    + "captured request cannot be replayed. Sign each request as it is sent, with a synchronised "
                    + "clock.");
        }
        if (signature == null || signature.isBlank()) {
            return rejection(SignatureFailure.MISSING_SIGNATURE, "This client signs its requests: send "
                    + SIGNATURE_HEADER + ": " + SCHEME + "<" + HOW_TO_SIGN + ">.");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            return rejection(SignatureFailure.MALFORMED_SIGNATURE, SIGNATURE_HEADER + " must be '" + SCHEME
                    + "' followed by 64 lowercase hex digits: " + HOW_TO_SIGN + ".");
        }
        return Optional.empty();
    }

    /**
     * Verifies a request of a client that {@link #requiresSignature requires a signature}.
     *
     * @return empty when the signature is valid for one of the client's secrets and the timestamp is fresh
     */
    public Optional<Rejection> verify(String client, String timestamp, String signature, byte[] body) {
        List<SecretKeySpec> secrets = secretsByClient.get(client);
        if (secrets == null) {
            throw new IllegalArgumentException("client '" + client + "' has no signing secret");
        }
        Optional<Rejection> headers = checkHeaders(timestamp, signature);
        if (headers.isPresent()) {
            return headers;
        }
        byte[] presented = hex(signature.substring(SCHEME.length()));
        boolean matches = false;
        for (SecretKeySpec secret : secrets) {
            // Constant time, and every secret tried, so timing reveals neither how much of a guess was right nor
            // which of a client's secrets matched.
            matches |= MessageDigest.isEqual(mac(secret, timestamp, body), presented);
        }
        if (!matches) {
            return rejection(SignatureFailure.SIGNATURE_MISMATCH, SIGNATURE_HEADER + " does not match this request. "
                    + "Sign " + HOW_TO_SIGN + " as sent, with the timestamp sent in " + TIMESTAMP_HEADER + ".");
        }
        return Optional.empty();
    }

    /** The {@value #SIGNATURE_HEADER} value of a request, as a client computes it. */
    public static String sign(String secret, long timestamp, byte[] body) {
        byte[] mac = mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                Long.toString(timestamp), body);
        StringBuilder hex = new StringBuilder(SCHEME);
        for (byte b : mac) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    @Override
    public String toString() {
        // Never the secrets: this object may end up in a log line or a debugger.
        return "RequestSignatures" + secretsByClient.keySet();
    }

    private static byte[] mac(SecretKeySpec secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }

    /** Of a string the header pattern has checked: 64 lowercase hex digits. */
    private static byte[] hex(String digits) {
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Character.digit(digits.charAt(2 * i), 16) << 4
                    | Character.digit(digits.charAt(2 * i + 1), 16));
        }
        return bytes;
    }

    private static Optional<Rejection> rejection(SignatureFailure failure, String detail) {
        return Optional.of(new Rejection(failure, detail));
    }
}
