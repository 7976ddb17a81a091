package io.trestle.odoo.standin.orm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.SelectionOption;
import io.trestle.odoo.standin.python.PythonRepr;

/**
 * Turns a value a client sends into its stored form, with the conversions and refusals of Odoo's
 * {@code convert_to_cache}. Stored forms: {@link String} (char, text, html, selection, and dates as
 * {@code YYYY-MM-DD[ HH:MM:SS]}), a language → text map for translated fields, {@link Integer}, {@link Double},
 * {@link Boolean}, an {@link Integer} id for many2one, and an immutable id list for many2many. {@code null} is empty.
 */
final class ValueConverter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String DATETIME_PATTERN = "%Y-%m-%d %H:%M:%S";

    private final Orm orm;

    ValueConverter(Orm orm) {
        this.orm = orm;
    }

    /** The commands given to a one2many, applied once the parent row exists. */
    record OneToManyCommands(List<Object> commands) {
    }

    /**
     * @param previous
     *            the stored value being replaced ({@code null} on create): translations and many2many commands start
     *            from it
     */
    Object toStored(Env env, Model model, Field field, Object value, Object previous) {
        return switch (field.type()) {
            case CHAR, TEXT -> text(env, field, value, previous);
            case HTML -> html(env, field, value, previous);
            case INTEGER, MANY2ONE_REFERENCE -> integer(value);
            case FLOAT -> floating(value);
            case MONETARY -> monetary(value);
            case BOOLEAN -> Values.truthy(value);
            case DATE -> date(value);
            case DATETIME -> datetime(value);
            case SELECTION -> selection(model, field, value);
            case MANY2ONE -> many2one(env, model, field, value);
            case MANY2MANY -> many2many(env, model, field, value, previous);
            case ONE2MANY -> new OneToManyCommands(commands(model, field, value));
        };
    }

    private static Object text(Env env, Field field, Object value, Object previous) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        String text = value instanceof String s ? s : pythonStr(value);
        return field.isTranslated() ? Translations.write(env, previous, text) : text;
    }

    private static Object html(Env env, Field field, Object value, Object previous) {
        Object text = text(env, field, value, previous);
        if (text instanceof String s) {
            return sanitize(s);
        }
        return text;
    }

    /** Odoo's sanitizer wraps bare text in a paragraph. */
    private static String sanitize(String html) {
        String trimmed = html.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("<")) {
            return html;
        }
        return "<p>" + trimmed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>";
    }

    private static String pythonStr(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value instanceof String s ? s : PythonRepr.repr(value);
    }

    private static Integer integer(Object value) {
        if (!Values.truthy(value)) {
            return 0;
        }
        long number;
        if (Values.isInteger(value)) {
            number = ((Number) value).longValue();
        } else if (value instanceof Double d) {
            number = (long) d.doubleValue();
        } else if (value instanceof Boolean) {
            number = 1;
        } else if (value instanceof String s) {
            try {
                number = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw OdooError.valueError("invalid literal for int() with base 10: " + PythonRepr.repr(s));
            }
        } else {
            throw OdooError.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                    + Values.pythonType(value) + "'");
        }
        if (number != (int) number) {
            throw OdooError.integerOutOfRange();
        }
        return (int) number;
    }

    static Double floating(Object value) {
        if (!Values.truthy(value)) {
            return 0.0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean) {
            return 1.0;
        }
        if (value instanceof String s) {
            try {
                String stripped = s.strip();
                if (stripped.matches("(?i)[+-]?(inf|infinity|nan)")) {
                    return Double.parseDouble(stripped.replaceAll("(?i)inf(inity)?", "Infinity")
                            .replaceAll("(?i)nan", "NaN"));
                }
                if (!stripped.matches("[+-]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(stripped.replace("_", ""));
            } catch (NumberFormatException e) {
                throw OdooError.valueError("could not convert string to float: " + PythonRepr.repr(s));
            }
        }
        throw OdooError.typeError(
                "float() argument must be a string or a real number, not '" + Values.pythonType(value) + "'");
    }

    /** Monetary values are rounded to the currency (two decimals here) and PostgreSQL numerics have no -0. */
    private static Double monetary(Object value) {
        double amount = floating(value);
        if (Double.isNaN(amount) || Double.isInfinite(amount)) {
            return amount;
        }
        double rounded = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).doubleValue();
        return rounded == 0.0 ? 0.0 : rounded;
    }

    static String date(Object value) {
        if (!Values.truthy(value)) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw OdooError.typeError("'" + Values.pythonType(value) + "' object is not subscriptable");
        }
        String head = s.length() > 10 ? s.substring(0, 10) : s;
        try {
            return LocalDate.parse(head, DATE).toString();
        } catch (DateTimeParseException e) {
            throw OdooError.valueError(
                    "time data " + PythonRepr.repr(head) + " does not match format '%Y-%m-%d'");
        }
    }

    /** Odoo parses with its format cut to the value's length, so a bare date means midnight. */
    static String datetime(Object value) {
        if (!Values.truthy(value)) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw OdooError.typeError("'" + Values.pythonType(value) + "' object is not subscriptable");
        }
        String format = DATETIME_PATTERN.substring(0, Math.max(0, Math.min(DATETIME_PATTERN.length(), s.length() - 2)));
        String completed = switch (s.length()) {
            case 10 -> s + " 00:00:00";
            case 13 -> s + ":00:00";
            case 16 -> s + ":00";
            case 19 -> s;
            default -> null;
        };
        try {
            if (completed == null) {
                throw new DateTimeParseException("unsupported length", s, 0);
            }
            return DATETIME.format(LocalDateTime.parse(completed, DATETIME));
        } catch (DateTimeParseException e) {
            throw OdooError.valueError("time data " + PythonRepr.repr(s) + " does not match format "
                    + PythonRepr.repr(format.isEmpty() ? DATETIME_PATTERN : format));
        }
    }

    private static String selection(Model model, Field field, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        for (SelectionOption option : field.selection()) {
            if (option.value().equals(value)) {
                return option.value();
            }
        }
        throw OdooError.valueError(
                "Wrong value for " + model.name() + "." + field.name() + ": " + PythonRepr.repr(value));
    }

    private Integer many2one(Env env, Model model, Field field, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        Object candidate = value instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : value;
        if (!Values.isInteger(candidate)) {
            throw OdooError.valueError(
                    "Wrong value for " + model.name() + "." + field.name() + ": " + PythonRepr.repr(value));
        }
        int id = Values.id(candidate);
        if (field.missingTarget() == Field.MissingTarget.MISSING_ERROR && !orm.table(field.comodel()).exists(id)) {
            throw Errors.missingRecords(field.comodel(), List.of(id), env.uid());
        }
        return id;
    }

    private List<Integer> many2many(Env env, Model model, Field field, Object value, Object previous) {
        Set<Integer> ids = new LinkedHashSet<>();
        if (previous instanceof List<?> existing) {
            existing.forEach(id -> ids.add((Integer) id));
        }
        for (Object command : commands(model, field, value)) {
            if (Values.isInteger(command)) {
                // A plain list of ids replaces the relation, as [(6, 0, ids)] does.
                ids.clear();
                for (Object id : (List<?>) value) {
                    ids.add(Values.id(id));
                }
                break;
            }
            List<?> parts = (List<?>) command;
            int code = Values.pythonInt(parts.get(0));
            switch (code) {
                case 0 -> ids.addAll(orm.create(env, field.comodel(), List.of(vals(parts, model, field))));
                case 1 -> orm.write(env, field.comodel(), List.of(Values.id(parts.get(1))), vals(parts, model, field));
                case 2 -> {
                    int id = Values.id(parts.get(1));
                    orm.unlink(env, field.comodel(), List.of(id));
                    ids.remove(id);
                }
                case 3 -> ids.remove(Values.id(parts.get(1)));
                case 4 -> ids.add(Values.id(parts.get(1)));
                case 5 -> ids.clear();
                case 6 -> {
                    ids.clear();
                    ids.addAll(Values.ids(parts.size() > 2 ? parts.get(2) : List.of()));
                }
                default -> throw invalidCommand(model, field, command);
            }
        }
        return List.copyOf(ids);
    }

    /** Normalises an x2many value to its list of commands, checking their shape. */
    static List<Object> commands(Model model, Field field, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return List.of(List.of(5));
        }
        if (!(value instanceof List<?> list)) {
            throw OdooError.valueError(
                    "Wrong value for " + model.name() + "." + field.name() + ": " + PythonRepr.repr(value));
        }
        List<Object> commands = new ArrayList<>(list);
        for (Object command : commands) {
            if (Values.isInteger(command)) {
                continue;
            }
            if (!(command instanceof List<?> parts) || parts.isEmpty() || !Values.isInteger(parts.get(0))) {
                throw invalidCommand(model, field, command);
            }
            int code = Values.pythonInt(parts.get(0));
            int needed = switch (code) {
                case 0, 1, 6 -> 3;
                case 2, 3, 4 -> 2;
                case 5 -> 1;
                default -> throw invalidCommand(model, field, command);
            };
            if (parts.size() < needed) {
                throw invalidCommand(model, field, command);
            }
        }
        return commands;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> vals(List<?> command, Model model, Field field) {
        if (!(command.get(2) instanceof Map<?, ?> vals)) {
            throw invalidCommand(model, field, command);
        }
        return (Map<String, Object>) vals;
    }

    private static OdooError invalidCommand(Model model, Field field, Object command) {
        return OdooError.valueError("Wrong value for " + model.name() + "." + field.name() + ": "
                + PythonRepr.repr(command) + " is not an x2many command");
    }
}
