package io.trestle.equipment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trestle.equipment.client.AempClient.Deferred;
import io.trestle.equipment.client.AempClient.Fetched;
import io.trestle.testkit.SettableClock;

class AempClientTest {

    private final StandInVendor vendor = new StandInVendor().page("Fleet/1", "fleet-page-1.json")
            .page("Fleet/2", "fleet-page-2.xml");
    private final SettableClock clock = new SettableClock(Instant.parse("2024-03-04T12:00:00Z"));
    private final URI page1 = vendor.baseUrl().resolve("Fleet/1");
    private final URI page2 = vendor.baseUrl().resolve("Fleet/2");

    @AfterEach
    void stopVendor() {
        vendor.close();
    }

    @Test
    void requestsEachUrlAtMostOncePerSpacingAndOthersFreely() throws Exception {
        AempClient client = AempClient.of("acme", TestVendor.at(vendor.baseUrl()), clock);

        assertThat(client.get(page1)).isInstanceOf(Fetched.class);
        assertThat(client.get(page2)).isInstanceOf(Fetched.class);
        clock.advance(Duration.ofMinutes(14));
        assertThat(client.get(page1)).isEqualTo(new Deferred(Instant.parse("2024-03-04T12:15:00Z"), "budget"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.get(page1)).isInstanceOf(Fetched.class);

        assertThat(vendor.requestsFor("Fleet/1")).isEqualTo(2);
        assertThat(vendor.requestsFor("Fleet/2")).isEqualTo(1);
        assertThat(client.requestsMade()).isEqualTo(3);
    }

    @Test
    void honoursRetryAfterInSecondsForEveryUrlOfTheVendor() throws Exception {
        AempClient client = AempClient.of("acme", TestVendor.at(vendor.baseUrl()), clock);
        vendor.once("Fleet/1", 429, Map.of("Retry-After", "300"));

        Instant until = clock.instant().plusSeconds(300);
        assertThat(client.get(page1)).isEqualTo(new Deferred(until, "429"));
        clock.advance(Duration.ofSeconds(299));
        assertThat(client.get(page2)).isEqualTo(new Deferred(until, "budget"));
        assertThat(vendor.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        // The refused request did not spend the URL's budget.
        assertThat(client.get(page1)).isInstanceOf(Fetched.class);
        assertThat(vendor.requestsFor("Fleet/1")).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws Exception {
        AempClient client = AempClient.of("acme", TestVendor.at(vendor.baseUrl()), clock);
        Instant until = clock.instant().plus(Duration.ofMinutes(2));
        vendor.once("Fleet/1", 429,
                Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC))));

        assertThat(client.get(page1)).isEqualTo(new Deferred(until, "429"));
    }

    @Test
    void sendsBasicCredentials() throws Exception {
        AempClient.of("acme", TestVendor.at(vendor.baseUrl()).basic("fleet-owner", "s3cr3t"), clock).get(page1);

        assertThat(vendor.requests().get(0).header("Authorization")).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("fleet-owner:s3cr3t".getBytes()));
    }

    @Test
    void sendsTheApiKeyInTheConfiguredHeader() throws Exception {
        AempClient.of("acme", TestVendor.at(vendor.baseUrl()).apiKey("X-Api-Key", "k-123"), clock).get(page1);

        assertThat(vendor.requests().get(0).header("X-Api-Key")).isEqualTo("k-123");
        assertThat(vendor.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void fetchesTheOauthTokenOnceReusesItAndFetchesAnotherAfterA401() throws Exception {
        URI tokenUrl = vendor.baseUrl().resolve(StandInVendor.TOKEN_PATH);
        AempClient client = AempClient.of("acme",
                TestVendor.at(vendor.baseUrl()).oauth2(tokenUrl, "trestle", "client-secret"), clock);

        client.get(page1);
        client.get(page2);
        assertThat(vendor.tokensIssued()).isEqualTo(1);
        StandInVendor.Request tokenRequest = vendor.requests().get(0);
        assertThat(tokenRequest.method()).isEqualTo("POST");
        assertThat(tokenRequest.body()).isEqualTo("grant_type=client_credentials");
        assertThat(tokenRequest.header("Authorization")).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("trestle:client-secret".getBytes()));
        assertThat(vendor.requests().subList(1, 3)).extracting(r -> r.header("Authorization"))
                .containsOnly("Bearer token-1");

        // The vendor revoked the token early: one new token, the same request again, and it succeeds.
        vendor.once("Fleet/1", 401, Map.of());
        clock.advance(Duration.ofMinutes(15));
        assertThat(client.get(page1)).isInstanceOf(Fetched.class);
        assertThat(vendor.tokensIssued()).isEqualTo(2);
        assertThat(vendor.requests().get(vendor.requests().size() - 1).header("Authorization"))
                .isEqualTo("Bearer token-2");
    }
}
