package io.trestle.odoo.standin.model;

import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/** What a model does beyond Odoo's generic ORM: the parts of its Python overrides that clients can observe. */
public interface ModelBehaviour {

    ModelBehaviour NONE = new ModelBehaviour() {
    };

    /**
     * Runs on the caller's raw values before the generic create, as a model's {@code create()} override does before
     * {@code super()}: it may add values, or create related records (a project's analytic account).
     */
    default void beforeCreate(Orm orm, Env env, Map<String, Object> vals) {
    }

    /**
     * Derives stored values once a row has its new values, on create (after defaults) and on write.
     *
     * @param given
     *            the fields the caller set explicitly; derived values never override those
     */
    default void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
    }
}
