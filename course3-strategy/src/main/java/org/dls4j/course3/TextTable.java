package org.dls4j.course3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table as the lectures draw them: a header row and one row per case, each column as wide as its widest
 * cell, text left-aligned and numbers right-aligned. Each line goes to the report as one result line.
 */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(String[] header) {
        this.header = header.clone();
    }

    /** A table with these column headings. */
    public static TextTable of(String... header) {
        return new TextTable(header);
    }

    /** Adds a row of already formatted cells, one per column. */
    public TextTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row needs " + header.length + " cells " + Arrays.toString(header)
                    + ", not " + cells.length + " " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    /** The header, a rule and the rows, padded into columns separated by two spaces. */
    public List<String> lines() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
                numeric[c] &= row[c].matches("[-+]?[0-9.,%]+( %| ms)?");
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, width, numeric));
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        lines.add(line(rule, width, numeric));
        for (String[] row : rows) {
            lines.add(line(row, width, numeric));
        }
        return lines;
    }

    private static String line(String[] cells, int[] width, boolean[] numeric) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                b.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            b.append(numeric[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        return b.toString();
    }
}
