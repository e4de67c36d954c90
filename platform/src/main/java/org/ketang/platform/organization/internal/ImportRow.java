package org.ketang.platform.organization.internal;

import java.util.Map;

/** One data row of an import file: its row number as a spreadsheet shows it (the header is row 1) and its cells. */
public record ImportRow(int row, Map<String, String> cells) {

    /** The trimmed cell of a column, "" when missing. */
    public String get(String key) {
        String value = cells.get(key);
        return value == null ? "" : value.strip();
    }
}
