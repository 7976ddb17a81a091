package io.trestle.odoo.standin.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models the stand-in knows, by technical name. */
public final class Registry {

    private final Map<String, Model> models = new LinkedHashMap<>();

    public Registry(List<Model> definitions) {
        for (Model model : definitions) {
            if (models.put(model.name(), model) != null) {
                throw new IllegalArgumentException("Model " + model.name() + " is defined twice");
            }
        }
        for (Model model : definitions) {
            for (Field field : model.fields()) {
                if (field.comodel() != null && !models.containsKey(field.comodel())) {
                    throw new IllegalArgumentException(
                            model.name() + "." + field.name() + " points to unknown model " + field.comodel());
                }
            }
        }
    }

    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** For names the stand-in itself uses; a client's unknown model is answered by the RPC layer. */
    public Model get(String name) {
        Model model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("No model " + name);
        }
        return model;
    }

    public Collection<Model> all() {
        return models.values();
    }
}
