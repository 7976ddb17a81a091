package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestSignaturesTest {

    private static final String PROPERTY = "trestle.test.signing-secrets";
    private static final String SECRET = "acme-signing-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    /** The worked example of README-push.md; its HMAC computed with openssl as shown there. */
    private static final String EXAMPLE_BODY = "{\"items\":[{\"eventId\":\"f-1001\",\"machine\":{\"pin\":"
            + "\"CAT0320XKZP01234\"},\"code\":\"E042\",\"detectedAt\":\"2026-11-27T08:00:00Z\"}]}";
    private static final String EXAMPLE_HMAC = "3bea1a7886a8d51a4ff1778a9ff67cc6ef3b81de3c6d428d1027fa12936457e2";
    private static final byte[] BODY = "{\"items\":[{\"eventId\":\"e-1\"}]}".getBytes(StandardCharsets.UTF_8);

    private final RequestSignatures signatures = RequestSignatures.parse(PROPERTY,
            List.of("acme:" + SECRET), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsTheSignatureOfTheTimestampAndTheExactBody() {
        assertThat(signatures.verify("acme", Long.toString(NOW_SECONDS), sign(NOW_SECONDS, BODY), BODY)).isEmpty();
    }

    @Test
    void signsAsOpensslDoesForTheWorkedExampleOfReadmePush() {
        assertThat(RequestSignatures.sign(SECRET, 1764237600L, EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=" + EXAMPLE_HMAC);
    }

    @Test
    void refusesARequestWithoutTimestampOrSignatureNamingTheHeader() {
        assertThat(failure(null, sign(NOW_SECONDS, BODY), BODY)).contains(SignatureFailure.MISSING_TIMESTAMP);
        assertThat(failure(" ", sign(NOW_SECONDS, BODY), BODY)).contains(SignatureFailure.MISSING_TIMESTAMP);
        assertThat(failure(Long.toString(NOW_SECONDS), null, BODY)).contains(SignatureFailure.MISSING_SIGNATURE);
        assertThat(signatures.verify("acme", Long.toString(NOW_SECONDS), null, BODY)).get()
                .satisfies(rejection -> assertThat(rejection.detail()).contains("X-Trestle-Signature: sha256="));
    }

    @Test
    void refusesMalformedTimestampsAndSignatures() {
        String signature = sign(NOW_SECONDS, BODY);
        for (String timestamp : List.of("2026-11-27T10:00:00Z", "-1", "1764237600.5", "1234567890123")) {
            assertThat(failure(timestamp, signature, BODY)).as(timestamp)
                    .contains(SignatureFailure.MALFORMED_TIMESTAMP);
        }
        String hex = signature.substring("sha256=".length());
        for (String malformed : List.of(hex, "sha1=" + hex, "sha256=" + hex.toUpperCase(), "sha256=" + hex + "00",
                "sha256=" + hex.substring(2), "sha256=" + hex.substring(1) + "g")) {
            assertThat(failure(Long.toString(NOW_SECONDS), malformed, BODY)).as(malformed)
                    .contains(SignatureFailure.MALFORMED_SIGNATURE);
        }
    }

    @Test
    void refusesATimestampOutsideTheToleranceEitherWaySoACapturedRequestCannotBeReplayed() {
        long tooOld = NOW_SECONDS - 301;
        long tooNew = NOW_SECONDS + 301;
        assertThat(failure(Long.toString(tooOld), sign(tooOld, BODY), BODY)).contains(SignatureFailure.STALE_TIMESTAMP);
        assertThat(failure(Long.toString(tooNew), sign(tooNew, BODY), BODY)).contains(SignatureFailure.STALE_TIMESTAMP);
        assertThat(signatures.verify("acme", Long.toString(tooOld), sign(tooOld, BODY), BODY)).get()
                .satisfies(rejection -> assertThat(rejection.detail()).contains("301 s behind").contains("300 s"));

        long edge = NOW_SECONDS - 300;
        assertThat(failure(Long.toString(edge), sign(edge, BODY), BODY)).isEmpty();
    }

    @Test
    void refusesAWrongSecretATamperedBodyAndAChangedTimestamp() {
        String timestamp = Long.toString(NOW_SECONDS);
        String otherSecret = RequestSignatures.sign("another-secret-0123456789", NOW_SECONDS, BODY);
        assertThat(failure(timestamp, otherSecret, BODY)).contains(SignatureFailure.SIGNATURE_MISMATCH);

        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';
        assertThat(failure(timestamp, sign(NOW_SECONDS, BODY), tampered)).contains(SignatureFailure.SIGNATURE_MISMATCH);

        // A fresh timestamp on an old signature: the timestamp is bound into the MAC.
        assertThat(failure(Long.toString(NOW_SECONDS - 1), sign(NOW_SECONDS, BODY), BODY))
                .contains(SignatureFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void onlyClientsWithASecretMustSign() {
        assertThat(signatures.requiresSignature("acme")).isTrue();
        assertThat(signatures.requiresSignature("fleet")).isFalse();
        assertThat(signatures.clients()).containsExactly("acme");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> signatures.verify("fleet", Long.toString(NOW_SECONDS), sign(NOW_SECONDS, BODY), BODY));
        assertThat(RequestSignatures.parse(PROPERTY, List.of(), Duration.ofMinutes(5)).clients()).isEmpty();
    }

    @Test
    void anyOfAClientsSecretsVerifiesSoASecretCanBeRotated() {
        String next = "acme-next-secret-9876543210";
        RequestSignatures rotating = RequestSignatures.parse(PROPERTY, List.of("acme:" + SECRET, "acme:" + next),
                Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        String timestamp = Long.toString(NOW_SECONDS);

        assertThat(rotating.verify("acme", timestamp, sign(NOW_SECONDS, BODY), BODY)).isEmpty();
        assertThat(rotating.verify("acme", timestamp, RequestSignatures.sign(next, NOW_SECONDS, BODY), BODY)).isEmpty();
        assertThat(rotating.clients()).containsExactly("acme");
    }

    @Test
    void refusesMalformedEntriesWithoutEchoingSecrets() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> RequestSignatures.parse(PROPERTY, List.of("acme:short-secret"), Duration.ofMinutes(5)))
                .withMessageStartingWith(PROPERTY + " entry 1 (client 'acme') has a secret shorter than 16")
                .withMessageNotContaining("short-secret");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSignatures.parse(PROPERTY, List.of("NoSeparatorSecret123456"),
                        Duration.ofMinutes(5)))
                .withMessageStartingWith(PROPERTY + " entry 1 has no ':' between client and secret")
                .withMessageNotContaining("NoSeparatorSecret123456");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSignatures.parse(PROPERTY, List.of("acme: "), Duration.ofMinutes(5)))
                .withMessage(PROPERTY + " entry 1 (client 'acme') has a blank secret");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSignatures.parse(PROPERTY, List.of(), Duration.ZERO))
                .withMessageContaining("must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSignatures.rejectPerClientProperties(PROPERTY,
                        List.of("TRESTLE_TEST_SIGNING_SECRETS_ACME")))
                .withMessageStartingWith("TRESTLE_TEST_SIGNING_SECRETS_ACME is not read")
                .withMessageContaining("client:secret");
    }

    @Test
    void neverShowsSecretsOrTheExpectedSignature() {
        String expected = sign(NOW_SECONDS, BODY);
        String wrong = RequestSignatures.sign("another-secret-0123456789", NOW_SECONDS, BODY);
        List<Optional<RequestSignatures.Rejection>> rejections = List.of(
                signatures.verify("acme", Long.toString(NOW_SECONDS), wrong, BODY),
                signatures.verify("acme", null, wrong, BODY),
                signatures.verify("acme", Long.toString(NOW_SECONDS - 3600), wrong, BODY),
                signatures.verify("acme", Long.toString(NOW_SECONDS), "sha256=00", BODY));

        assertThat(rejections).allSatisfy(rejection -> assertThat(rejection).get().satisfies(r -> assertThat(r.detail())
                .doesNotContain(SECRET).doesNotContain(expected.substring(7)).doesNotContain(wrong.substring(7))));
        assertThat(signatures).hasToString("RequestSignatures[acme]");
    }

    /**
     * The comparison must take the same time however much of a guessed signature is right, or the signature could be
     * found byte by byte. Timing is too noisy to test, so this checks the compiled verifier: it compares with
     * MessageDigest.isEqual and with none of the comparisons that stop at the first difference.
     */
    @Test
    void comparesSignaturesInConstantTime() throws IOException {
        Set<String> calls = methodsCalledBy(RequestSignatures.class);

        assertThat(calls).contains("java/security/MessageDigest.isEqual")
                .doesNotContain("java/util/Arrays.equals", "java/lang/String.equals", "java/lang/String.contentEquals",
                        "java/lang/String.equalsIgnoreCase", "java/util/Objects.equals",
                        "java/nio/ByteBuffer.equals", "java/util/Arrays.mismatch", "java/util/Arrays.compare");
    }

    private Optional<SignatureFailure> failure(String timestamp, String signature, byte[] body) {
        return signatures.verify("acme", timestamp, signature, body).map(RequestSignatures.Rejection::failure);
    }

    private static String sign(long timestamp, byte[] body) {
        return RequestSignatures.sign(SECRET, timestamp, body);
    }

    /** {@code owner.name} of every method the class file refers to, read from its constant pool. */
    private static Set<String> methodsCalledBy(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            DataInputStream data = new DataInputStream(new ByteArrayInputStream(in.readAllBytes()));
            data.skipBytes(8); // magic, minor and major version
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            int[][] refs = new int[count][];
            int[][] nameAndTypes = new int[count][];
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7 -> classNames[i] = data.readUnsignedShort();
                    case 8, 16, 19, 20 -> data.skipBytes(2);
                    case 3, 4 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++; // takes two slots
                    }
                    case 9, 17, 18 -> data.skipBytes(4);
                    case 10, 11 -> refs[i] = new int[]{data.readUnsignedShort(), data.readUnsignedShort()};
                    case 12 -> nameAndTypes[i] = new int[]{data.readUnsignedShort(), data.readUnsignedShort()};
                    case 15 -> data.skipBytes(3);
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                }
            }
            Set<String> methods = new HashSet<>();
            for (int[] ref : refs) {
                if (ref != null) {
                    methods.add(utf8[classNames[ref[0]]] + "." + utf8[nameAndTypes[ref[1]][0]]);
                }
            }
            return methods;
        }
    }
}
