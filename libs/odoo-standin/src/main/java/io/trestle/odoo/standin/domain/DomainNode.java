package io.trestle.odoo.standin.domain;

import java.util.List;

/** A parsed Odoo domain: leaves combined with AND, OR and NOT. */
public sealed interface DomainNode {

    /** One condition, {@code [path, operator, value]}; {@code original} is the term as sent, for messages. */
    record Leaf(List<Object> original, String path, String operator, Object value) implements DomainNode {
    }

    /** Odoo's TRUE_LEAF {@code (1, '=', 1)} and FALSE_LEAF {@code (0, '=', 1)}, and the empty domain. */
    record Constant(boolean value) implements DomainNode {
    }

    record And(DomainNode left, DomainNode right) implements DomainNode {
    }

    record Or(DomainNode left, DomainNode right) implements DomainNode {
    }

    /** A negation Odoo could not push into a leaf; it stays a SQL {@code NOT}. */
    record Not(DomainNode operand) implements DomainNode {
    }
}
