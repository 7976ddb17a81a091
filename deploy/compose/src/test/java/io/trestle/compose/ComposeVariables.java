package io.trestle.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Docker Compose's variable substitution: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty),
 * {@code ${VAR-default}} (unset), {@code ${VAR:?message}} / {@code ${VAR?message}} (required), {@code ${VAR:+other}} /
 * {@code ${VAR+other}}, defaults that contain variables themselves, and {@code $$} for a literal {@code $}. The test
 * reads the compose file as Compose does with the variables a user sets (none: the demo defaults).
 */
final class ComposeVariables {

    private ComposeVariables() {
    }

    /** The text with every variable replaced from {@code environment}. */
    static String interpolate(String text, Map<String, String> environment) {
        return new Parser(text, environment, new LinkedHashMap<>(), true).all();
    }

    /**
     * Every variable the text refers to, with the default Compose would use when it is unset (empty when it has none),
     * in order of first use.
     */
    static Map<String, Optional<String>> referenced(String text) {
        Map<String, Optional<String>> variables = new LinkedHashMap<>();
        new Parser(text, Map.of(), variables, false).all();
        return variables;
    }

    private static final class Parser {

        private final String text;
        private final Map<String, String> environment;
        private final Map<String, Optional<String>> seen;
        /** Whether a required variable that is unset fails, as in Compose; not when only collecting names. */
        private final boolean strict;
        private int position;

        Parser(String text, Map<String, String> environment, Map<String, Optional<String>> seen, boolean strict) {
            this.text = text;
            this.environment = environment;
            this.seen = seen;
            this.strict = strict;
        }

        String all() {
            String result = until(-1);
            if (position < text.length()) {
                throw invalid("unexpected '}'");
            }
            return result;
        }

        /** Reads up to the closing brace of an enclosing expression ({@code '}'}), or to the end when -1. */
        private String until(int closing) {
            StringBuilder out = new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == closing) {
                    return out.toString();
                }
                if (c != '$') {
                    out.append(c);
                    position++;
                    continue;
                }
                position++;
                if (position >= text.length()) {
                    throw invalid("'$' at the end; write '$$' for a literal dollar sign");
                }
                char next = text.charAt(position);
                if (next == '$') {
                    out.append('$');
                    position++;
                } else if (next == '{') {
                    position++;
                    out.append(braced());
                } else if (isNameStart(next)) {
                    String name = name();
                    seen.putIfAbsent(name, Optional.empty());
                    out.append(environment.getOrDefault(name, ""));
                } else {
                    throw invalid("'$' not followed by a variable; write '$$' for a literal dollar sign");
                }
            }
            if (closing != -1) {
                throw invalid("'${' without its closing '}'");
            }
            return out.toString();
        }

        private String braced() {
            if (position >= text.length() || !isNameStart(text.charAt(position))) {
                throw invalid("'${' not followed by a variable name");
            }
            String name = name();
            String value = environment.get(name);
            if (text.startsWith("}", position)) {
                position++;
                seen.putIfAbsent(name, Optional.empty());
                return value == null ? "" : value;
            }
            boolean colon = text.startsWith(":", position);
            if (colon) {
                position++;
            }
            if (position >= text.length()) {
                throw invalid("'${" + name + "' without its closing '}'");
            }
            char operator = text.charAt(position++);
            String argument = until('}');
            position++;
            boolean unset = value == null || (colon && value.isEmpty());
            switch (operator) {
                case '-' -> {
                    seen.putIfAbsent(name, Optional.of(argument));
                    return unset ? argument : value;
                }
                case '?' -> {
                    seen.putIfAbsent(name, Optional.empty());
                    if (unset && strict) {
                        throw new IllegalArgumentException("required variable " + name + " is not set: " + argument);
                    }
                    return unset ? "" : value;
                }
                case '+' -> {
                    seen.putIfAbsent(name, Optional.empty());
                    return unset ? "" : argument;
                }
                default -> throw invalid("unknown operator '" + operator + "' after ${" + name);
            }
        }

        private String name() {
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            return text.substring(start, position);
        }

        private static boolean isNameStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException(problem + " at character " + position + " of \"" + text + "\"");
        }
    }
}
