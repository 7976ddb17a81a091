package io.trestle.odoo.standin.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Table;
import io.trestle.odoo.standin.orm.Translations;

/** Model access rights and record rules for the calling user, with Odoo 17's AccessError messages. */
public final class Security {

    private final Database database;

    public Security(Database database) {
        this.database = database;
    }

    /** The user's groups, implied groups included (they are stored expanded, as Odoo stores them). */
    public Set<Integer> groupsOf(int uid) {
        Map<String, Object> user = database.table("res.users").row(uid);
        if (user == null || !(user.get("groups_id") instanceof List<?> groups)) {
            return Set.of();
        }
        Set<Integer> ids = new HashSet<>();
        groups.forEach(id -> ids.add((Integer) id));
        return ids;
    }

    public boolean hasGroup(int uid, String groupXmlId) {
        return resolve(groupXmlId).filter(groupsOf(uid)::contains).isPresent();
    }

    /** The record an external id ({@code module.name}) points to. */
    public Optional<Integer> resolve(String xmlId) {
        int dot = xmlId.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Table data = database.table("ir.model.data");
        return data.findByKey(List.of(xmlId.substring(0, dot), xmlId.substring(dot + 1)))
                .map(id -> (Integer) data.row(id).get("res_id"));
    }

    public boolean hasAccess(Env env, Model model, Operation operation) {
        return env.isSuperuser()
                || AccessRights.allows(groupsOf(env.uid()), model.name(), operation, this::resolve);
    }

    public void checkAccess(Env env, Model model, Operation operation) {
        if (hasAccess(env, model, operation)) {
            return;
        }
        List<String> groups = new ArrayList<>();
        for (String group : AccessRights.groupsAllowing(model.name(), operation)) {
            resolve(group).map(this::fullName).ifPresent(groups::add);
        }
        groups.sort(null);
        String allowed = groups.isEmpty()
                ? "No group currently allows this operation."
                : "This operation is allowed for the following groups:\n\t- " + String.join("\n\t- ", groups);
        throw OdooError.accessError("You are not allowed to " + operation.verb() + " '" + model.description() + "' ("
                + model.name() + ") records.\n\n" + allowed
                + "\n\nContact your administrator to request access if necessary.");
    }

    /** Which rows the user may see or change through the record rules of their groups. */
    public Predicate<Map<String, Object>> ruleFilter(Env env, Model model, Operation operation) {
        if (env.isSuperuser()) {
            return row -> true;
        }
        Set<Integer> groups = groupsOf(env.uid());
        List<RecordRules.Rule> applicable = new ArrayList<>();
        for (RecordRules.Rule rule : RecordRules.RULES) {
            if (rule.model().equals(model.name()) && rule.operations().contains(operation)
                    && resolve(rule.group()).filter(groups::contains).isPresent()) {
                applicable.add(rule);
            }
        }
        if (applicable.isEmpty()) {
            return row -> true;
        }
        int uid = env.uid();
        return row -> applicable.stream().anyMatch(rule -> rule.condition().holds(uid, row));
    }

    public void checkRules(Env env, Model model, Operation operation, Collection<Map<String, Object>> rows) {
        Predicate<Map<String, Object>> allowed = ruleFilter(env, model, operation);
        if (rows.stream().allMatch(allowed)) {
            return;
        }
        Map<String, Object> user = database.table("res.users").row(env.uid());
        String userName = user == null ? "" : String.valueOf(user.get("name"));
        throw OdooError.accessError("Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, "
                + userName + " (id=" + env.uid() + ") doesn't have '" + operation.odooName() + "' access to:\n- "
                + model.description() + " (" + model.name() + ")\n\n"
                + "If you really, really need access, perhaps you can win over your friendly administrator with a "
                + "batch of freshly baked cookies.");
    }

    /** "Category/Name", as access error messages name a group. */
    private String fullName(int groupId) {
        Map<String, Object> group = database.table("res.groups").row(groupId);
        Object categoryId = group.get("category_id");
        String name = Translations.sourceText(group.get("name"));
        if (categoryId == null) {
            return name;
        }
        return Translations.sourceText(database.table("ir.module.category").row((Integer) categoryId).get("name"))
                + "/" + name;
    }
}
