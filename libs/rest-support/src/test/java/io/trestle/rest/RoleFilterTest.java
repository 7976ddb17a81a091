package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleFilterTest {

    @ApiKeyAuthenticated(Role.READ)
    static class Drafts {

        public void list() {
        }

        @ApiKeyAuthenticated(Role.WRITE)
        public void publish() {
        }
    }

    @ApiKeyAuthenticated
    static class Undeclared {

        public void post() {
        }
    }

    @Test
    void aMethodsDeclarationWinsOverItsClasss() throws NoSuchMethodException {
        assertThat(RoleFilter.needed(Drafts.class, Drafts.class.getMethod("list"))).isEqualTo(Role.READ);
        assertThat(RoleFilter.needed(Drafts.class, Drafts.class.getMethod("publish"))).isEqualTo(Role.WRITE);
    }

    @Test
    void anEndpointThatStatesNoRoleNeedsWrite() throws NoSuchMethodException {
        assertThat(RoleFilter.needed(Undeclared.class, Undeclared.class.getMethod("post"))).isEqualTo(Role.WRITE);
    }
}
