package io.trestle.odoo.standin.domain;

import java.util.regex.Pattern;

/** SQL {@code LIKE} patterns: {@code %} any run, {@code _} one character, backslash escapes. */
final class LikePattern {

    private LikePattern() {
    }

    static Pattern compile(String like, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }
}
