package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private static final BearerTokenConfig DEFAULTS = new BearerTokenConfig() {

        @Override
        public String readRole() {
            return "trestle-read";
        }

        @Override
        public String writeRole() {
            return "trestle-write";
        }

        @Override
        public List<String> clientClaims() {
            return List.of("azp", "client_id", "sub");
        }
    };

    @Test
    void onlyABearerTokenIsVerifiedAndOnlyWhereOidcIsEnabled() {
        BearerTokens enabled = new BearerTokens(null, DEFAULTS, true);

        assertThat(enabled.presented("Bearer eyJ.e30.c2ln")).isTrue();
        assertThat(enabled.presented("bearer eyJ.e30.c2ln")).isTrue();
        assertThat(enabled.presented("Basic dXNlcjpwYXNz")).isFalse();
        assertThat(enabled.presented("Bearer ")).isFalse();
        assertThat(enabled.presented(null)).isFalse();
        assertThat(new BearerTokens(null, DEFAULTS, false).presented("Bearer eyJ.e30.c2ln")).isFalse();
    }
}
