package io.trestle.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A part of a README between {@code <!-- <name>:start … -->} and {@code <!-- <name>:end -->}: the promises a README
 * makes about the compose stack that the tests hold it to.
 */
record ReadmeBlock(String readme, String name, String text) {

    static Optional<ReadmeBlock> find(String readme, String content, String name) {
        int start = content.indexOf("<!-- " + name + ":start");
        int end = content.indexOf("<!-- " + name + ":end -->");
        if (start < 0 && end < 0) {
            return Optional.empty();
        }
        if (start < 0 || end < start) {
            throw new AssertionError(readme + ": the markers of " + name + " are not a start followed by an end");
        }
        int body = content.indexOf("-->", start) + 3;
        return Optional.of(new ReadmeBlock(readme, name, content.substring(body, end)));
    }

    /** The cells of each row of the block's Markdown table, without the header and separator rows. */
    List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = text.lines().map(String::strip).filter(line -> line.startsWith("|")).toList();
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The text between the first pair of backticks of a cell, or the cell when it has none. */
    static String code(String cell) {
        int open = cell.indexOf('`');
        int close = cell.indexOf('`', open + 1);
        return open >= 0 && close > open ? cell.substring(open + 1, close) : cell;
    }
}
