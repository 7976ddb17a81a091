package io.trestle.odoo.standin.model;

import java.util.Map;

import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/** A value derived from a stored row: computed fields that Odoo does not store, and display names. */
@FunctionalInterface
public interface RowFunction<T> {

    T apply(Orm orm, Env env, Map<String, Object> row);
}
