package io.trestle.odoo.standin.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.orm.Values;
import io.trestle.odoo.standin.python.PythonRepr;

/**
 * Parses a domain in Odoo's prefix notation ({@code '&'}, {@code '|'}, {@code '!'}, implicit AND between terms) and
 * pushes negations into the leaves as Odoo's {@code distribute_not} does, so that {@code !} of {@code =} includes empty
 * values exactly like {@code !=}.
 */
public final class DomainParser {

    static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "in", "not in", "like", "ilike",
            "not like", "not ilike", "=like", "=ilike", "=?", "any", "not any", "child_of", "parent_of");

    private static final Map<String, String> NEGATIONS = Map.ofEntries(Map.entry("<", ">="), Map.entry(">", "<="),
            Map.entry("<=", ">"), Map.entry(">=", "<"), Map.entry("=", "!="), Map.entry("!=", "="),
            Map.entry("in", "not in"), Map.entry("not in", "in"), Map.entry("like", "not like"),
            Map.entry("not like", "like"), Map.entry("ilike", "not ilike"), Map.entry("not ilike", "ilike"),
            Map.entry("any", "not any"), Map.entry("not any", "any"));

    private DomainParser() {
    }

    public static DomainNode parse(Object domain) {
        if (domain == null || Boolean.FALSE.equals(domain)) {
            return new DomainNode.Constant(true);
        }
        if (!(domain instanceof List<?> terms)) {
            throw syntaxError(domain);
        }
        Deque<DomainNode> stack = new ArrayDeque<>();
        for (int i = terms.size() - 1; i >= 0; i--) {
            Object term = terms.get(i);
            if ("&".equals(term) || "|".equals(term)) {
                if (stack.size() < 2) {
                    throw syntaxError(domain);
                }
                DomainNode left = stack.pop();
                DomainNode right = stack.pop();
                stack.push("&".equals(term) ? new DomainNode.And(left, right) : new DomainNode.Or(left, right));
            } else if ("!".equals(term)) {
                if (stack.isEmpty()) {
                    throw syntaxError(domain);
                }
                stack.push(negate(stack.pop()));
            } else {
                stack.push(leaf(term));
            }
        }
        DomainNode result = new DomainNode.Constant(true);
        while (!stack.isEmpty()) {
            DomainNode next = stack.removeLast();
            result = result instanceof DomainNode.Constant c && c.value() ? next : new DomainNode.And(next, result);
        }
        return result;
    }

    private static DomainNode leaf(Object term) {
        if (!(term instanceof List<?> parts) || parts.size() != 3) {
            throw OdooError.valueError("Invalid leaf " + PythonRepr.repr(term));
        }
        @SuppressWarnings("unchecked")
        List<Object> original = (List<Object>) parts;
        Object left = parts.get(0);
        if (Values.isInteger(left) && "=".equals(parts.get(1)) && Values.isInteger(parts.get(2))
                && Values.id(parts.get(2)) == 1) {
            int constant = Values.id(left);
            if (constant == 1 || constant == 0) {
                return new DomainNode.Constant(constant == 1);
            }
        }
        if (!(left instanceof String path) || !(parts.get(1) instanceof String rawOperator)) {
            throw OdooError.valueError("Invalid leaf " + PythonRepr.tuple(original));
        }
        String operator = rawOperator.toLowerCase(Locale.ROOT);
        operator = switch (operator) {
            case "<>" -> "!=";
            case "==" -> "=";
            default -> operator;
        };
        if (!OPERATORS.contains(operator)) {
            throw OdooError.valueError("Invalid operator " + PythonRepr.repr(rawOperator) + " in domain term "
                    + PythonRepr.tuple(original));
        }
        return new DomainNode.Leaf(original, path, operator, parts.get(2));
    }

    private static DomainNode negate(DomainNode node) {
        if (node instanceof DomainNode.Leaf leaf) {
            String negated = NEGATIONS.get(leaf.operator());
            return negated == null
                    ? new DomainNode.Not(leaf)
                    : new DomainNode.Leaf(leaf.original(), leaf.path(), negated, leaf.value());
        }
        if (node instanceof DomainNode.Constant constant) {
            return new DomainNode.Constant(!constant.value());
        }
        if (node instanceof DomainNode.And and) {
            return new DomainNode.Or(negate(and.left()), negate(and.right()));
        }
        if (node instanceof DomainNode.Or or) {
            return new DomainNode.And(negate(or.left()), negate(or.right()));
        }
        return ((DomainNode.Not) node).operand();
    }

    private static OdooError syntaxError(Object domain) {
        return OdooError.valueError("Domain " + PythonRepr.repr(domain) + " is syntactically not correct.");
    }

    /** Whether the domain filters on {@code active} itself, which turns off the implicit active filter. */
    public static boolean mentionsActive(DomainNode node) {
        if (node instanceof DomainNode.Leaf leaf) {
            return leaf.path().equals("active") || leaf.path().startsWith("active.");
        }
        if (node instanceof DomainNode.And and) {
            return mentionsActive(and.left()) || mentionsActive(and.right());
        }
        if (node instanceof DomainNode.Or or) {
            return mentionsActive(or.left()) || mentionsActive(or.right());
        }
        if (node instanceof DomainNode.Not not) {
            return mentionsActive(not.operand());
        }
        return false;
    }
}
