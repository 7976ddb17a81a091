package io.trestle.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PushClientTest {

    /** The worked example of the README's "Request signatures", computed there with openssl. */
    @Test
    void signsTheTimestampAndTheBodyAsTheReadmesWorkedExample() {
        String body = "{\"items\":[{\"eventId\":\"f-1001\",\"machine\":{\"pin\":\"CAT0320XKZP01234\"},\"code\":\"E042\","
                + "\"detectedAt\":\"2026-11-27T08:00:00Z\"}]}";

        String signature = PushClient.signature("acme-signing-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                1764237600L, body.getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("3bea1a7886a8d51a4ff1778a9ff67cc6ef3b81de3c6d428d1027fa12936457e2");
    }
}
