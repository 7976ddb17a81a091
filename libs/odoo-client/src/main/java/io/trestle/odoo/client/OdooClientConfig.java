package io.trestle.odoo.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one Odoo database.
 *
 * @param url
 *            the server root, e.g. {@code https://erp.example.com}; {@code /jsonrpc} and {@code /json/2} are resolved
 *            against it
 * @param login
 *            the user's login; JSON-RPC authenticates with it, JSON-2 ignores it (the key names the user)
 * @param apiKey
 *            an API key (or the password, which Odoo accepts in the same place); never printed
 * @param readTimeout
 *            how long to wait for Odoo's answer to one request; a batch of 1000 records takes Odoo seconds
 */
public record OdooClientConfig(URI url, String database, String login, String apiKey, OdooProtocol protocol,
        Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public OdooClientConfig {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("url must be an absolute http(s) URL, was " + url);
        }
        requireText(database, "database");
        Objects.requireNonNull(protocol, "protocol");
        if (protocol != OdooProtocol.JSON_2) {
            requireText(login, "login (needed by JSON-RPC)");
        }
        requireText(apiKey, "apiKey");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /** AUTO protocol detection, default timeouts and {@link RetryPolicy#defaults()}. */
    public static OdooClientConfig of(URI url, String database, String login, String apiKey) {
        return new OdooClientConfig(url, database, login, apiKey, OdooProtocol.AUTO, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, RetryPolicy.defaults());
    }

    public OdooClientConfig withProtocol(OdooProtocol protocol) {
        return new OdooClientConfig(url, database, login, apiKey, protocol, connectTimeout, readTimeout, retry);
    }

    public OdooClientConfig withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new OdooClientConfig(url, database, login, apiKey, protocol, connectTimeout, readTimeout, retry);
    }

    public OdooClientConfig withRetry(RetryPolicy retry) {
        return new OdooClientConfig(url, database, login, apiKey, protocol, connectTimeout, readTimeout, retry);
    }

    @Override
    public String toString() {
        return "OdooClientConfig[url=" + url + ", database=" + database + ", login=" + login
                + ", apiKey=****, protocol=" + protocol + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", retry=" + retry + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
