package io.trestle.odoo.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Clients pointed at a {@link FakeOdoo}, with the credentials the recording used. */
final class TestClients {

    /** The recording logged in as admin with the password in the key's place, which Odoo accepts. */
    static final String DATABASE = "constr";
    static final String LOGIN = "admin";
    static final String KEY = "admin";

    private TestClients() {
    }

    static OdooClientConfig jsonRpc(URI url) {
        return new OdooClientConfig(url, DATABASE, LOGIN, KEY, OdooProtocol.JSON_RPC, Duration.ofSeconds(2),
                Duration.ofSeconds(10), RetryPolicy.none());
    }

    static OdooClient client(OdooClientConfig config) {
        return client(config, new RecordingSleeper());
    }

    static OdooClient client(OdooClientConfig config, Sleeper sleeper) {
        return DefaultOdooClient.create(config, CallMetrics.NONE, sleeper, () -> 0.5, Clock.systemUTC());
    }
}
