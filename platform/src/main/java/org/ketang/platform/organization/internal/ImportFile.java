package org.ketang.platform.organization.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.organization.ImportTable;

/**
 * Reads an uploaded table: CSV (UTF-8 with or without BOM, else GB18030 as Excel saves it on Chinese
 * Windows) or .xlsx (first sheet). The first row names the columns, in Chinese or English.
 */
public final class ImportFile {

    static final Charset GB18030 = ImportTable.GB18030;

    private ImportFile() {
    }

    /** The rows of a file, or the errors that make it unreadable (unknown or missing columns, not a table). */
    public record Parsed(List<ImportRow> rows, List<ImportError> errors) {
    }

    public static Parsed read(byte[] content, @Nullable String filename, List<ImportColumn> columns) {
        List<List<String>> table = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        try {
            for (ImportTable.Row row : ImportTable.read(content, filename).rows()) {
                table.add(row.cells());
                rowNumbers.add(row.number());
            }
        } catch (IOException | RuntimeException e) {
            return new Parsed(List.of(), List.of(ImportError.at(1, "无法读取文件（请上传 CSV 或 .xlsx）",
                    "cannot read the file (upload CSV or .xlsx)")));
        }
        if (table.isEmpty()) {
            return new Parsed(List.of(), List.of(ImportError.at(1, "文件是空的", "the file is empty")));
        }
        List<ImportError> errors = new ArrayList<>();
        List<String> header = table.get(0);
        Map<Integer, String> keyByIndex = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            if (name.replace("\uFEFF", "").isEmpty()) {
                continue;
            }
            ImportColumn column = find(columns, name);
            if (column == null) {
                errors.add(ImportError.at(rowNumbers.get(0), "未知列 " + name, "unknown column " + name));
            } else if (keyByIndex.containsValue(column.key())) {
                errors.add(ImportError.at(rowNumbers.get(0), "重复的列 " + name, "duplicate column " + name));
            } else {
                keyByIndex.put(i, column.key());
            }
        }
        for (ImportColumn column : columns) {
            if (column.required() && !keyByIndex.containsValue(column.key())) {
                errors.add(ImportError.at(rowNumbers.get(0), "缺少列 " + column.names().get(0),
                        "missing column " + column.names().get(column.names().size() - 1)));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        List<ImportRow> rows = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            Map<String, String> values = new LinkedHashMap<>();
            boolean blank = true;
            for (var entry : keyByIndex.entrySet()) {
                String value = entry.getKey() < cells.size() && cells.get(entry.getKey()) != null
                        ? cells.get(entry.getKey()).strip() : "";
                blank &= value.isEmpty();
                values.put(entry.getValue(), value);
            }
            if (!blank) {
                rows.add(new ImportRow(rowNumbers.get(r), values));
            }
        }
        return new Parsed(rows, List.of());
    }

    private static @Nullable ImportColumn find(List<ImportColumn> columns, String header) {
        for (ImportColumn column : columns) {
            if (column.matches(header)) {
                return column;
            }
        }
        // "班级 class" as in the documentation: either word will do
        for (String word : header.split("[\\s/()（）]+")) {
            for (ImportColumn column : columns) {
                if (!word.isBlank() && column.matches(word)) {
                    return column;
                }
            }
        }
        return null;
    }
}
