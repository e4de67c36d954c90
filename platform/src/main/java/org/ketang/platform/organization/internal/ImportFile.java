package org.ketang.platform.organization.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Reads an uploaded table: CSV (UTF-8 with or without BOM, else GB18030 as Excel saves it on Chinese
 * Windows) or .xlsx (first sheet). The first row names the columns, in Chinese or English.
 */
public final class ImportFile {

    static final Charset GB18030 = Charset.forName("GB18030");

    private ImportFile() {
    }

    /** The rows of a file, or the errors that make it unreadable (unknown or missing columns, not a table). */
    public record Parsed(List<ImportRow> rows, List<ImportError> errors) {
    }

    public static Parsed read(byte[] content, @Nullable String filename, List<ImportColumn> columns) {
        List<List<String>> table;
        List<Integer> rowNumbers = new ArrayList<>();
        try {
            table = isXlsx(content, filename) ? readXlsx(content, rowNumbers) : readCsv(content, rowNumbers);
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

    static boolean isXlsx(byte[] content, @Nullable String filename) {
        if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return true;
        }
        // a zip file (PK\3\4) is not a CSV
        return content.length > 3 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /** The text of a CSV file: UTF-8 (BOM dropped) when valid, else GB18030. */
    static String decode(byte[] content) {
        int offset = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(content, offset, content.length - offset);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(content, GB18030);
        }
    }

    private static List<List<String>> readCsv(byte[] content, List<Integer> rowNumbers) throws IOException {
        String text = decode(content);
        List<List<String>> table = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get()
                .parse(new StringReader(text))) {
            int line = 0;
            for (CSVRecord record : parser) {
                line++;
                List<String> cells = new ArrayList<>();
                record.forEach(cells::add);
                table.add(cells);
                rowNumbers.add(line);
            }
        }
        // drop leading blank lines so that the header is the first non-blank row
        while (!table.isEmpty() && table.get(0).stream().allMatch(c -> c == null || c.isBlank())) {
            table.remove(0);
            rowNumbers.remove(0);
        }
        return table;
    }

    private static List<List<String>> readXlsx(byte[] content, List<Integer> rowNumbers) throws IOException {
        List<List<String>> table = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
                if (table.isEmpty() && cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                table.add(cells);
                rowNumbers.add(row.getRowNum() + 1);
            }
        }
        return table;
    }
}
