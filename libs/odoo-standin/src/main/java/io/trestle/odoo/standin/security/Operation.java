package io.trestle.odoo.standin.security;

import java.util.Locale;
import java.util.Optional;

/** The four access modes of Odoo's ACLs and record rules. */
public enum Operation {

    READ("access"),
    WRITE("modify"),
    CREATE("create"),
    UNLINK("delete");

    private final String verb;

    Operation(String verb) {
        this.verb = verb;
    }

    /** The mode's name in Odoo: read, write, create, unlink. */
    public String odooName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verb of the ACL message: "You are not allowed to modify …". */
    String verb() {
        return verb;
    }

    public static Optional<Operation> fromOdooName(String name) {
        for (Operation operation : values()) {
            if (operation.odooName().equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
