package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiKeyRolesTest {

    private static final String PROPERTY = "trestle.demo.api-key-roles";
    private final ApiKeys keys = ApiKeys.parse("trestle.demo.api-keys",
            List.of("dashboard:k-1", "erp-sync:k-2", "local-demo:k-3"));

    @Test
    void listedClientsGetTheirRoleAndEveryOtherClientTheServicesDefault() {
        ApiKeyRoles roles = ApiKeyRoles.parse(PROPERTY, List.of("dashboard:read", " erp-sync : WRITE "), Role.WRITE,
                keys);

        assertThat(roles.roleOf("dashboard")).isEqualTo(Role.READ);
        assertThat(roles.roleOf("erp-sync")).isEqualTo(Role.WRITE);
        assertThat(roles.roleOf("local-demo")).isEqualTo(Role.WRITE);
        assertThat(ApiKeyRoles.parse(PROPERTY, List.of("erp-sync:write"), Role.READ, keys).roleOf("dashboard"))
                .isEqualTo(Role.READ);
    }

    @Test
    void anUnsetPropertyLeavesEveryClientTheDefault() {
        ApiKeyRoles roles = ApiKeyRoles.fromConfig(PROPERTY, Optional.empty(), Role.READ, List.of(), keys);

        assertThat(roles.configured()).isEmpty();
        assertThat(keys.clients()).allSatisfy(client -> assertThat(roles.roleOf(client)).isEqualTo(Role.READ));
    }

    @Test
    void refusesAClientWithoutAnApiKeyNamingTheEntryAndTheKnownClients() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeyRoles.parse(PROPERTY, List.of("dashboard:read", "dashbord:read"), Role.WRITE,
                        keys))
                .withMessage("trestle.demo.api-key-roles entry 2 names client 'dashbord', which has no API key in "
                        + "trestle.demo.api-keys; clients with keys: dashboard, erp-sync, local-demo");
    }

    @Test
    void refusesAnUnknownRoleNamingTheEntryTheClientAndTheRoles() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeyRoles.parse(PROPERTY, List.of("dashboard:admin"), Role.WRITE, keys))
                .withMessage("trestle.demo.api-key-roles entry 1 (client 'dashboard') names unknown role 'admin'; "
                        + "roles are read, write");
    }

    @Test
    void refusesAnEntryWithoutRoleAndAClientGivenTwoRoles() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeyRoles.parse(PROPERTY, List.of("dashboard"), Role.WRITE, keys))
                .withMessageStartingWith("trestle.demo.api-key-roles entry 1 'dashboard' has no ':' between client "
                        + "and role");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeyRoles.parse(PROPERTY, List.of("dashboard:read", "dashboard:write"),
                        Role.WRITE, keys))
                .withMessage("trestle.demo.api-key-roles entry 2: client 'dashboard' is given a role twice");
    }

    @Test
    void refusesThePerClientFormInsteadOfIgnoringIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeyRoles.fromConfig(PROPERTY, Optional.empty(), Role.WRITE,
                        List.of("TRESTLE_DEMO_API_KEY_ROLES_DASHBOARD"), keys))
                .withMessageStartingWith("TRESTLE_DEMO_API_KEY_ROLES_DASHBOARD is not read, and the client would keep "
                        + "the default role write; configure all clients in trestle.demo.api-key-roles");
    }

    @Test
    void aServiceWithoutRoleConfigurationGivesEveryClientTheSameRole() {
        ApiKeyRoles roles = ApiKeyRoles.everyClient(Role.READ);

        assertThat(roles.configured()).isEmpty();
        assertThat(roles.roleOf("analyst")).isEqualTo(Role.READ);
    }
}
