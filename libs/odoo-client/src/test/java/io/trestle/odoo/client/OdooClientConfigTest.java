package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OdooClientConfigTest {

    private static final URI URL = URI.create("https://erp.example.com");

    @Test
    void defaultsDetectTheProtocolAndRetry() {
        OdooClientConfig config = OdooClientConfig.of(URL, "constr", "admin", "key");

        assertThat(config.protocol()).isEqualTo(OdooProtocol.AUTO);
        assertThat(config.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(config.withProtocol(OdooProtocol.JSON_2).protocol()).isEqualTo(OdooProtocol.JSON_2);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> OdooClientConfig.of(URI.create("erp.example.com"), "constr", "admin", "key"))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> OdooClientConfig.of(URL, " ", "admin", "key")).hasMessageContaining("database");
        assertThatThrownBy(() -> OdooClientConfig.of(URL, "constr", null, "key")).hasMessageContaining("login");
        assertThatThrownBy(() -> OdooClientConfig.of(URL, "constr", "admin", "")).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> OdooClientConfig.of(URL, "constr", "admin", "key")
                .withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }

    @Test
    void json2NeedsNoLogin() {
        OdooClientConfig config = new OdooClientConfig(URL, "constr", null, "key", OdooProtocol.JSON_2,
                Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.none());

        assertThat(config.login()).isNull();
    }
}
