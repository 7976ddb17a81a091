package io.trestle.odoo.standin.python;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON as Odoo reads and writes it. Odoo answers with Python's {@code json.dumps(..., ensure_ascii=False)}:
 * {@code ", "} and {@code ": "} separators, key order as built, Python float repr. Parsed values become plain Java
 * objects: {@link LinkedHashMap}, {@link ArrayList}, {@link Integer} (or {@link Long} when it does not fit),
 * {@link Double}, {@link String}, {@link Boolean} and {@code null}.
 */
public final class PythonJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PythonJson() {
    }

    /** Thrown for a body that is not JSON; the message is the parser's. */
    public static final class InvalidJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidJsonException(String message) {
            super(message);
        }
    }

    public static Object parse(byte[] body) throws InvalidJsonException {
        try {
            return toJava(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()));
        }
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double d) {
            out.append(PythonFloat.repr(d));
        } else if (value instanceof Float f) {
            out.append(PythonFloat.repr(f));
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static Object toJava(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), toJava(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(item -> list.add(toJava(item)));
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            default -> null;
        };
    }

    private static Object number(JsonNode node) {
        if (!node.isIntegralNumber()) {
            return node.doubleValue();
        }
        BigInteger value = node.bigIntegerValue();
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.doubleValue();
    }
}
