package io.trestle.odoo.standin.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.trestle.odoo.standin.error.OdooError;

/**
 * A Python function signature (positional-or-keyword parameters, some with defaults), binding arguments with Python's
 * rules and Python's TypeError messages: a call's ({@code f() missing 1 required positional argument: 'x'}) for
 * JSON-RPC, {@code inspect.Signature.bind}'s ({@code missing a required argument: 'x'}) for JSON-2.
 */
final class PythonSignature {

    /** A parameter; {@code defaultValue} is used when the parameter is optional and not given. */
    record Parameter(String name, boolean required, Object defaultValue) {

        static Parameter required(String name) {
            return new Parameter(name, true, null);
        }

        static Parameter optional(String name, Object defaultValue) {
            return new Parameter(name, false, defaultValue);
        }
    }

    private final String qualifiedName;
    private final List<Parameter> parameters;

    /**
     * @param qualifiedName
     *            how Python names the function in messages, e.g. {@code BaseModel.search}
     */
    PythonSignature(String qualifiedName, Parameter... parameters) {
        this.qualifiedName = qualifiedName;
        this.parameters = List.of(parameters);
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Binds a call's positional and keyword arguments.
     *
     * @param implicitPositional
     *            positional arguments Python counts but the caller does not pass ({@code self}, or {@code db, uid} for
     *            the services)
     */
    Map<String, Object> bindCall(List<Object> positional, Map<String, Object> keywords, int implicitPositional) {
        String function = qualifiedName + "()";
        if (positional.size() > parameters.size()) {
            long requiredCount = parameters.stream().filter(Parameter::required).count() + implicitPositional;
            int maximum = parameters.size() + implicitPositional;
            String takes = requiredCount == maximum
                    ? maximum + " positional argument" + (maximum == 1 ? "" : "s")
                    : "from " + requiredCount + " to " + maximum + " positional arguments";
            int given = positional.size() + implicitPositional;
            throw OdooError.typeError(function + " takes " + takes + " but " + given + (given == 1 ? " was" : " were")
                    + " given");
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            bound.put(parameters.get(i).name(), positional.get(i));
        }
        for (Map.Entry<String, Object> keyword : keywords.entrySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(keyword.getKey()))) {
                throw OdooError.typeError(
                        function + " got an unexpected keyword argument '" + keyword.getKey() + "'");
            }
            if (bound.containsKey(keyword.getKey())) {
                throw OdooError.typeError(function + " got multiple values for argument '" + keyword.getKey() + "'");
            }
            bound.put(keyword.getKey(), keyword.getValue());
        }
        List<String> missing = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (parameter.required() && !bound.containsKey(parameter.name())) {
                missing.add(parameter.name());
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.typeError(function + " missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + pythonList(missing));
        }
        return withDefaults(bound);
    }

    /** Binds keyword arguments only, as Odoo 19's JSON-2 endpoint does with {@code inspect.signature().bind}. */
    Map<String, Object> bindNamed(Map<String, Object> keywords) {
        for (String name : keywords.keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                throw OdooError.http("UnprocessableEntity", 422, "got an unexpected keyword argument '" + name + "'");
            }
        }
        for (Parameter parameter : parameters) {
            if (parameter.required() && !keywords.containsKey(parameter.name())) {
                throw OdooError.http("UnprocessableEntity", 422,
                        "missing a required argument: '" + parameter.name() + "'");
            }
        }
        return withDefaults(new LinkedHashMap<>(keywords));
    }

    private Map<String, Object> withDefaults(Map<String, Object> bound) {
        for (Parameter parameter : parameters) {
            if (!bound.containsKey(parameter.name())) {
                bound.put(parameter.name(), parameter.defaultValue());
            }
        }
        return bound;
    }

    /** Python's listing of names in these messages: 'a', 'a' and 'b', 'a', 'b', and 'c'. */
    private static String pythonList(List<String> names) {
        List<String> quoted = names.stream().map(name -> "'" + name + "'").collect(Collectors.toList());
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        if (quoted.size() == 2) {
            return quoted.get(0) + " and " + quoted.get(1);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
    }
}
