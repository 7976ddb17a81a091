package io.trestle.odoo.standin.python;

import java.math.BigDecimal;

/** Renders a double the way Python's {@code repr(float)} (and so {@code json.dumps}) does. */
public final class PythonFloat {

    private PythonFloat() {
    }

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0.0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip; only the layout differs from Python's.
        BigDecimal exact = new BigDecimal(Double.toString(value));
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String stripped = digits.replaceFirst("0+$", "");
        if (stripped.isEmpty()) {
            stripped = "0";
        }
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = stripped.length() == 1 ? stripped : stripped.charAt(0) + "." + stripped.substring(1);
            String exponentText = (exponent < 0 ? "-" : "+") + pad2(Math.abs(exponent));
            return sign + mantissa + "e" + exponentText;
        }
        if (exponent < 0) {
            return sign + "0." + "0".repeat(-exponent - 1) + stripped;
        }
        if (stripped.length() <= exponent + 1) {
            return sign + stripped + "0".repeat(exponent + 1 - stripped.length()) + ".0";
        }
        return sign + stripped.substring(0, exponent + 1) + "." + stripped.substring(exponent + 1);
    }

    private static String pad2(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
