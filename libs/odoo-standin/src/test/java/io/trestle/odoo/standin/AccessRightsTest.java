package io.trestle.odoo.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.standin.OdooRpc.OdooRpcException;

/**
 * Users created as the recording created them: an internal user with the default template's groups, a "bare" internal
 * user with only {@code base.group_user}, a portal user. Their rights are those the recording shows.
 */
class AccessRightsTest {

    private OdooStandIn odoo;
    private OdooRpc rpc;
    private int estimator;
    private int bare;
    private int portal;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        rpc = new OdooRpc(odoo);
        estimator = (Integer) rpc.admin("res.users", "create",
                Map.of("name", "Estimator", "login", "estimator", "password", "estimator-pw"));
        bare = (Integer) rpc.admin("res.users", "create", Map.of("name", "Bare internal", "login", "bare", "password",
                "bare-pw", "groups_id", List.of(List.of(6, 0, List.of(1)))));
        portal = (Integer) rpc.admin("res.users", "create", Map.of("name", "Customer", "login", "customer",
                "password", "customer-pw", "groups_id", List.of(List.of(6, 0, List.of(10)))));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void newUsersGetTheTemplatesGroupsOrTheGivenOnesWithWhatTheyImply() {
        Object template = rpc.admin("res.users", "read", List.of(3), List.of("groups_id"));
        assertThat(rpc.admin("res.users", "read", List.of(estimator), List.of("groups_id")))
                .isEqualTo(List.of(Map.of("id", estimator, "groups_id",
                        ((Map<?, ?>) ((List<?>) template).get(0)).get("groups_id"))));
        assertThat(rpc.admin("res.users", "read", List.of(bare, portal), List.of("groups_id", "share")))
                .isEqualTo(List.of(Map.of("id", bare, "groups_id", List.of(1, 13, 66, 7), "share", false),
                        Map.of("id", portal, "groups_id", List.of(10), "share", true)));
    }

    @Test
    void aDefaultInternalUserRunsProjectsAndCostsButNotUsers() {
        assertThat(as(estimator, "estimator-pw", "project.project", "create", Map.of("name", "Depot"))).isInstanceOf(
                Integer.class);
        assertThat(as(estimator, "estimator-pw", "account.analytic.line", "create",
                Map.of("name", "Diesel", "account_id", 1, "amount", -80))).isInstanceOf(Integer.class);

        assertThatThrownBy(() -> as(estimator, "estimator-pw", "res.users", "write", List.of(2), Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.AccessError");
                    assertThat(e.odooMessage()).isEqualTo("You are not allowed to modify 'User' (res.users) records."
                            + "\n\nThis operation is allowed for the following groups:\n\t- Administration/Access Rights"
                            + "\n\nContact your administrator to request access if necessary.");
                });
    }

    @Test
    void aBareInternalUserReadsButCannotPostCostsOrOpenProjects() {
        assertThat(as(bare, "bare-pw", "project.project", "search", List.of())).isEqualTo(List.of(1));

        assertThatThrownBy(() -> as(bare, "bare-pw", "account.analytic.line", "create",
                Map.of("name", "Diesel", "account_id", 1, "amount", -80)))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage()).isEqualTo(
                        "You are not allowed to create 'Analytic Line' (account.analytic.line) records.\n\n"
                                + "This operation is allowed for the following groups:\n\t- Invoicing/Billing\n"
                                + "\t- Project/Administrator\n\t- Technical/Analytic Accounting\n"
                                + "\t- Timesheets/User: own timesheets only\n\n"
                                + "Contact your administrator to request access if necessary."));
        // The project's analytic account is created first, so that is what the user is refused.
        assertThatThrownBy(() -> as(bare, "bare-pw", "project.project", "create", Map.of("name", "Depot")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .startsWith("You are not allowed to create 'Analytic Account' (account.analytic.account)"));
        assertThat(odoo.records("account.analytic.account")).hasSize(1);
    }

    @Test
    void aRecordRuleRefusesARequestTheUserWouldNotOwn() {
        assertThatThrownBy(() -> as(bare, "bare-pw", "maintenance.request", "create", Map.of("name", "Noise")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.AccessError");
                    assertThat(e.odooMessage()).isEqualTo("Uh-oh! Looks like you have stumbled upon some top-secret "
                            + "records.\n\nSorry, Bare internal (id=" + bare + ") doesn't have 'create' access to:\n"
                            + "- Maintenance Request (maintenance.request)\n\nIf you really, really need access, "
                            + "perhaps you can win over your friendly administrator with a batch of freshly baked "
                            + "cookies.");
                });
        assertThat(odoo.records("maintenance.request")).isEmpty();

        int assigned = (Integer) as(bare, "bare-pw", "maintenance.request", "create",
                Map.of("name", "Noise", "user_id", bare));
        assertThat(as(bare, "bare-pw", "maintenance.request", "search", List.of())).isEqualTo(List.of(assigned));
    }

    @Test
    void aPortalUserSeesNoTasksAndHasNoAccessToRequests() {
        assertThat(as(portal, "customer-pw", "project.task", "search", List.of())).isEqualTo(List.of());
        assertThatThrownBy(() -> as(portal, "customer-pw", "maintenance.request", "search", List.of()))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage()).isEqualTo(
                        "You are not allowed to access 'Maintenance Request' (maintenance.request) records.\n\n"
                                + "This operation is allowed for the following groups:\n\t- User types/Internal User\n\n"
                                + "Contact your administrator to request access if necessary."));
    }

    @Test
    void checkAccessRightsAnswersOrRaises() {
        assertThat(rpc.execute(bare, "bare-pw", "account.analytic.line", "check_access_rights", List.of("create"),
                Map.of("raise_exception", false))).isEqualTo(false);
        assertThat(rpc.execute(bare, "bare-pw", "account.analytic.line", "check_access_rights", List.of("read"),
                Map.of("raise_exception", false))).isEqualTo(false);
        assertThat(rpc.adminKw("account.analytic.line", "check_access_rights", List.of("create"), Map.of()))
                .isEqualTo(true);
        assertThatThrownBy(() -> rpc.execute(bare, "bare-pw", "account.analytic.line", "check_access_rights",
                List.of("create"), Map.of())).isInstanceOfSatisfying(OdooRpcException.class,
                        e -> assertThat(e.name()).isEqualTo("odoo.exceptions.AccessError"));
    }

    @Test
    void anApiKeyWorksWhereverThePasswordDoesAndAWrongSecretIsDenied() {
        String key = odoo.adminApiKey();
        assertThat(rpc.call("common", "login", "constr", "admin", key)).isEqualTo(2);
        assertThat(rpc.call("common", "authenticate", "constr", "admin", key, Map.of())).isEqualTo(2);
        assertThat(rpc.execute(2, key, "project.project", "search", List.of(List.of()), Map.of()))
                .isEqualTo(List.of(1));

        assertThat(rpc.call("common", "login", "constr", "admin", "wrong")).isEqualTo(false);
        assertThatThrownBy(() -> rpc.execute(2, "wrong", "project.project", "search", List.of(List.of()), Map.of()))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.AccessDenied");
                    assertThat(e.odooMessage()).isEqualTo("Access Denied");
                });
        // The key is admin's: it does not open another user's account.
        assertThatThrownBy(() -> rpc.execute(bare, key, "project.project", "search", List.of(List.of()), Map.of()))
                .isInstanceOfSatisfying(OdooRpcException.class,
                        e -> assertThat(e.name()).isEqualTo("odoo.exceptions.AccessDenied"));
    }

    @Test
    void anArchivedUserCannotLogInAndAnUnknownDatabaseFailsAsPostgresqlDoes() {
        rpc.admin("res.users", "write", List.of(estimator), Map.of("active", false));

        assertThat(rpc.call("common", "login", "constr", "estimator", "estimator-pw")).isEqualTo(false);
        assertThatThrownBy(() -> rpc.call("common", "login", "elsewhere", "admin", "admin"))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("psycopg2.OperationalError");
                    assertThat(e.odooMessage()).contains("database \"elsewhere\" does not exist");
                });
    }

    private Object as(int uid, String password, String model, String method, Object... args) {
        return rpc.execute(uid, password, model, method, List.of(args), Map.of());
    }
}
