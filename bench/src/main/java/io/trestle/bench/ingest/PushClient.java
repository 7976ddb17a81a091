package io.trestle.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push client of the equipment connector as a telematics platform would write one: its API key on every request and
 * an HMAC-SHA256 signature of {@code <unix seconds>.<body bytes>} under its signing secret (the README's "Request
 * signatures"). Written from the documented protocol, not from the connector's code, so the benchmark exercises the
 * real check. One HTTP/1.1 connection per client, kept alive.
 */
public final class PushClient {

    static final String API_KEY_HEADER = "X-Api-Key";
    static final String TIMESTAMP_HEADER = "X-Trestle-Timestamp";
    static final String SIGNATURE_HEADER = "X-Trestle-Signature";
    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final byte[] signingSecret;

    public PushClient(String baseUrl, String apiKey, String signingSecret) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The connector's answer: status, body, and the Retry-After seconds of a 503. */
    public record Answer(int status, String body, OptionalLong retryAfterSeconds) {
    }

    public Answer post(String path, byte[] body, String correlationId) throws IOException, InterruptedException {
        long timestamp = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header(API_KEY_HEADER, apiKey)
                .header(CORRELATION_HEADER, correlationId)
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, "sha256=" + signature(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        OptionalLong retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        return new Answer(response.statusCode(), response.body(), retryAfter);
    }

    static String signature(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
