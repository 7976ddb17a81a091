package io.trestle.odoo.standin.model;

import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/** A default value, worked out when a record is created without one. */
@FunctionalInterface
public interface ValueSource {

    Object value(Orm orm, Env env);
}
