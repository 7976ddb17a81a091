package io.trestle.odooconnector.crosswalk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.trestle.odooconnector.it.SeededOdooResource;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.AuthenticationMetrics;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * OIDC bearer tokens on the crosswalk API, verified offline against a test key pair's public key
 * ({@code quarkus.oidc.public-key}): no OpenID provider, no network.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(SeededOdooResource.class)
@TestProfile(CrosswalkBearerTokenTest.OidcProfile.class)
class CrosswalkBearerTokenTest {

    private static final String ISSUER = "https://idp.example.test/realms/trestle";
    private static final String AUDIENCE = "trestle-odoo-connector";
    private static final String PATH = "/api/v1/crosswalk/p6/project/P-TOKENS";
    private static final String MAPPING = "{\"canonicalType\":\"project\",\"canonicalId\":\"42\"}";

    /** OIDC on, trusting the test key; roles from the {@code roles} claim, as a deployment might map them. */
    public static class OidcProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", publicKey(),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.token.audience", AUDIENCE,
                    "quarkus.oidc.roles.role-claim-path", "roles");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void aValidTokenWithTheWriteRoleChangesAMappingUnderItsClientsName() {
        given().auth().oauth2(token("erp-sync", "trestle-write").sign(trustedKey())).contentType(ContentType.JSON)
                .body(MAPPING).when().put(PATH)
                .then().statusCode(200).body("changedBy", equalTo("api:erp-sync"));
    }

    @Test
    void aValidTokenWithOnlyTheReadRoleIsRefused403AndCounted() {
        double before = count("insufficient-role", "dashboard");

        given().auth().oauth2(token("dashboard", "trestle-read").sign(trustedKey())).contentType(ContentType.JSON)
                .body(MAPPING).when().put(PATH)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("needs the write role"))
                .body("detail", containsString("trestle-write"));

        assertThat(count("insufficient-role", "dashboard")).isEqualTo(before + 1);
    }

    @Test
    void anExpiredOrWronglySignedTokenIsRefused401AndCounted() throws GeneralSecurityException {
        double before = count("invalid-token", "none");
        Instant hourAgo = Instant.now().minusSeconds(3600);
        String expired = token("erp-sync", "trestle-write").issuedAt(hourAgo.minusSeconds(600)).expiresAt(hourAgo)
                .sign(trustedKey());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = token("erp-sync", "trestle-write").sign(generator.generateKeyPair().getPrivate());
        String otherAudience = token("erp-sync", "trestle-write").audience("another-service").sign(trustedKey());

        for (String refused : new String[]{expired, forged, otherAudience}) {
            given().auth().oauth2(refused).contentType(ContentType.JSON).body(MAPPING).when().put(PATH)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("title", equalTo("Invalid bearer token"))
                    .body("detail", not(containsString(refused)));
        }

        assertThat(count("invalid-token", "none")).isEqualTo(before + 3);
    }

    @Test
    void apiKeysKeepWorkingBesideTokens() {
        given().header(ApiKeyFilter.HEADER, "auditor-key").contentType(ContentType.JSON).body(MAPPING).when().put(PATH)
                .then().statusCode(403);
        given().header(ApiKeyFilter.HEADER, "test-crosswalk-key").contentType(ContentType.JSON).body(MAPPING)
                .when().put(PATH).then().statusCode(200).body("changedBy", equalTo("api:planning-office"));
    }

    private static JwtClaimsBuilder token(String client, String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("service-account-" + client).claim("azp", client)
                .claim("roles", Set.of(role)).expiresIn(300);
    }

    private double count(String reason, String client) {
        Counter counter = registry.find(AuthenticationMetrics.FAILURES).tag("reason", reason).tag("client", client)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static PrivateKey trustedKey() {
        try {
            return KeyUtils.readPrivateKey("/oidc/privateKey.pem");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test key pair is missing from src/test/resources/oidc", e);
        }
    }

    /** The public key as {@code quarkus.oidc.public-key} takes it: the PEM's base64 body. */
    private static String publicKey() {
        try (InputStream pem = CrosswalkBearerTokenTest.class.getResourceAsStream("/oidc/publicKey.pem")) {
            return new String(pem.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----|\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
