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
 * Domains with Odoo's operators and PostgreSQL's handling of empty values, order, limit and offset. Tasks 1 (Training)
 * and 2 (Meeting) come with the database, in project 1 (Internal), without allocated hours.
 */
class DomainAndOrderTest {

    private OdooStandIn odoo;
    private OdooRpc rpc;

    @BeforeEach
    void start() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        rpc = new OdooRpc(odoo);
        int north = odoo.seed("project.project", Map.of("name", "Site North"));
        odoo.seed("project.task", Map.of("name", "Pour foundation", "project_id", north, "allocated_hours", 8,
                "date_deadline", "2026-12-01 10:00:00", "priority", "1", "user_ids", List.of(2)));
        odoo.seed("project.task", Map.of("name", "pour slab", "project_id", north, "allocated_hours", 4));
        odoo.seed("project.task", Map.of("name", "Formwork", "project_id", north, "allocated_hours", 12,
                "date_deadline", "2026-11-30 08:00:00"));
        odoo.seed("project.task", Map.of("name", "Rebar_cut", "allocated_hours", 0));
        odoo.seed("project.task", Map.of("name", "Archived survey", "project_id", north, "active", false));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void comparisonsNeverMatchEmptyValues() {
        assertThat(ids(List.of(List.of("allocated_hours", "=", 8)))).containsExactly(3);
        assertThat(ids(List.of(List.of("allocated_hours", ">", 4)))).containsExactlyInAnyOrder(3, 5);
        assertThat(ids(List.of(List.of("allocated_hours", ">=", 4)))).containsExactlyInAnyOrder(3, 4, 5);
        assertThat(ids(List.of(List.of("allocated_hours", "<", 4)))).containsExactly(6);
        assertThat(ids(List.of(List.of("allocated_hours", "<=", 0)))).containsExactly(6);
        assertThat(ids(List.of(List.of("date_deadline", "<", "2026-12-01")))).containsExactly(5);
    }

    @Test
    void negativeOperatorsMatchEmptyValues() {
        assertThat(ids(List.of(List.of("project_id", "=", false)))).containsExactly(6);
        assertThat(ids(List.of(List.of("project_id", "!=", false)))).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(ids(List.of(List.of("project_id", "not in", List.of(1))))).containsExactlyInAnyOrder(3, 4, 5, 6);
        assertThat(ids(List.of(List.of("date_deadline", "!=", "2026-11-30 08:00:00"))))
                .containsExactlyInAnyOrder(1, 2, 3, 4, 6);
        assertThat(ids(List.of(List.of("id", "in", List.of(1, 3, 99))))).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void patternOperatorsFollowSqlLike() {
        assertThat(ids(List.of(List.of("name", "like", "Pour")))).containsExactly(3);
        assertThat(ids(List.of(List.of("name", "ilike", "pour")))).containsExactlyInAnyOrder(3, 4);
        assertThat(ids(List.of(List.of("name", "not like", "Pour")))).containsExactlyInAnyOrder(1, 2, 4, 5, 6);
        assertThat(ids(List.of(List.of("name", "not ilike", "pour")))).containsExactlyInAnyOrder(1, 2, 5, 6);
        assertThat(ids(List.of(List.of("name", "=like", "Pour%")))).containsExactly(3);
        assertThat(ids(List.of(List.of("name", "=ilike", "POUR%")))).containsExactlyInAnyOrder(3, 4);
        assertThat(ids(List.of(List.of("name", "=like", "Rebar_cut")))).containsExactly(6);
        assertThat(ids(List.of(List.of("name", "=like", "Rebar\\_cu_")))).containsExactly(6);
    }

    @Test
    void prefixOperatorsCombineAndNegationIsDistributedIntoTheLeaves() {
        assertThat(ids(List.of("|", List.of("id", "=", 1), List.of("id", "=", 6)))).containsExactlyInAnyOrder(1, 6);
        assertThat(ids(List.of("&", "|", List.of("id", "=", 1), List.of("id", "=", 3),
                List.of("project_id", "!=", 1)))).containsExactly(3);
        assertThat(ids(List.of("!", List.of("name", "ilike", "pour")))).containsExactlyInAnyOrder(1, 2, 5, 6);
        // NOT (hours < 5) becomes hours >= 5, which, as in SQL, leaves out tasks without hours.
        assertThat(ids(List.of("!", List.of("allocated_hours", "<", 5)))).containsExactlyInAnyOrder(3, 5);
        assertThat(ids(List.of(List.of("project_id", "=?", false)))).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    @Test
    void relationalLeavesFollowPathsNamesAndAssignees() {
        assertThat(ids(List.of(List.of("project_id.name", "=", "Site North")))).containsExactlyInAnyOrder(3, 4, 5);
        assertThat(ids(List.of(List.of("project_id", "ilike", "north")))).containsExactlyInAnyOrder(3, 4, 5);
        assertThat(ids(List.of(List.of("project_id", "=", "Internal")))).containsExactlyInAnyOrder(1, 2);
        assertThat(ids(List.of(List.of("user_ids", "in", List.of(2))))).containsExactly(3);
        assertThat(ids(List.of(List.of("user_ids", "=", false)))).containsExactlyInAnyOrder(1, 2, 4, 5, 6);
        assertThat(ids(List.of(List.of("project_id", "any", List.of(List.of("name", "like", "North"))))))
                .containsExactlyInAnyOrder(3, 4, 5);
    }

    @Test
    void archivedRecordsAreLeftOutUnlessTheDomainOrContextAsksForThem() {
        assertThat(ids(List.of())).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(ids(List.of(List.of("active", "=", false)))).containsExactly(7);
        assertThat(rpc.adminKw("project.task", "search", List.of(List.of()),
                Map.of("context", Map.of("active_test", false)))).asList().contains(7);
        assertThat(rpc.adminKw("project.task", "read", List.of(List.of(7)), Map.of("fields", List.of("name"))))
                .isEqualTo(List.of(Map.of("id", 7, "name", "Archived survey")));
    }

    @Test
    void theDefaultOrderIsTheModelsAndExplicitOrdersPutEmptyValuesWherePostgresqlDoes() {
        // project.task: priority desc, sequence, date_deadline asc, id desc
        assertThat(rpc.admin("project.task", "search", List.of())).isEqualTo(List.of(3, 5, 6, 4, 2, 1));
        assertThat(search(Map.of("order", "allocated_hours asc"))).isEqualTo(List.of(6, 4, 3, 5, 1, 2));
        assertThat(search(Map.of("order", "allocated_hours desc"))).isEqualTo(List.of(1, 2, 5, 3, 4, 6));
        assertThat(search(Map.of("order", "allocated_hours desc nulls last, id desc")))
                .isEqualTo(List.of(5, 3, 4, 6, 2, 1));
        // A many2one orders by the target's own order (project: sequence, name, id): Internal before Site North.
        assertThat(search(Map.of("order", "project_id desc, name"))).isEqualTo(List.of(6, 5, 3, 4, 2, 1));
    }

    @Test
    void limitAndOffsetWindowTheOrderedResult() {
        assertThat(search(Map.of("order", "id asc", "offset", 1, "limit", 2))).isEqualTo(List.of(2, 3));
        assertThat(search(Map.of("order", "id asc", "offset", 5, "limit", 10))).isEqualTo(List.of(6));
        assertThat(rpc.adminKw("project.task", "search_count", List.of(List.of()), Map.of("limit", 4))).isEqualTo(4);
        assertThat(rpc.admin("project.task", "search_count", List.of(List.of("name", "ilike", "o")))).isEqualTo(3);
    }

    @Test
    void nameSearchMatchesNamesInTheModelsOrder() {
        assertThat(rpc.adminKw("project.task", "name_search", List.of(), Map.of("name", "pour")))
                .isEqualTo(List.of(List.of(3, "Pour foundation"), List.of(4, "pour slab")));
        assertThat(rpc.adminKw("maintenance.equipment", "name_search", List.of("EX-"), Map.of())).isEqualTo(List.of());
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator", "serial_no", "EX-12"));
        assertThat(rpc.adminKw("maintenance.equipment", "name_search", List.of("EX-"), Map.of()))
                .isEqualTo(List.of(List.of(1, "Excavator/EX-12")));
    }

    @Test
    void malformedDomainsAndOrdersAreRefusedWithOdoosMessages() {
        assertThatThrownBy(() -> ids(List.of(List.of("name", "contains", "x"))))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> assertThat(e.odooMessage())
                        .isEqualTo("Invalid operator 'contains' in domain term ('name', 'contains', 'x')"));
        assertThatThrownBy(() -> ids(List.of("|", List.of("id", "=", 1))))
                .isInstanceOfSatisfying(OdooRpcException.class,
                        e -> assertThat(e.odooMessage()).isEqualTo(
                                "Domain ['|', ['id', '=', 1]] is syntactically not correct."));
        assertThatThrownBy(() -> search(Map.of("order", "name; drop table project_task")))
                .isInstanceOfSatisfying(OdooRpcException.class, e -> {
                    assertThat(e.name()).isEqualTo("odoo.exceptions.UserError");
                    assertThat(e.odooMessage())
                            .startsWith("Invalid \"order\" specified (name; drop table project_task)");
                });
    }

    @SuppressWarnings("unchecked")
    private List<Integer> ids(List<?> domain) {
        return (List<Integer>) rpc.admin("project.task", "search", domain);
    }

    @SuppressWarnings("unchecked")
    private List<Integer> search(Map<String, ?> kwargs) {
        return (List<Integer>) rpc.adminKw("project.task", "search", List.of(List.of()), kwargs);
    }
}
