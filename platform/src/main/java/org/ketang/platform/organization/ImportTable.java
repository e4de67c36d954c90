package org.ketang.platform.organization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * A table a school uploads, as text cells: CSV (UTF-8 with or without BOM, else GB18030 as Excel saves it on
 * Chinese Windows) or .xlsx (first sheet). Leading blank rows are dropped, so the first row is the header; every
 * row keeps its number in the file for error messages. Used by the people and timetable imports and by other
 * modules' imports (e.g. the home-school app's scores).
 *
 * @param rows the rows, the header first
 */
public record ImportTable(List<Row> rows) {

    public static final Charset GB18030 = Charset.forName("GB18030");

    public ImportTable {
        rows = List.copyOf(rows);
    }

    /** One row: its number in the file (1-based, as Excel shows it) and its cells as text. */
    public record Row(int number, List<String> cells) {
    }

    /** Reads the file; an unreadable file throws (tell the uploader to send CSV or .xlsx). */
    public static ImportTable read(byte[] content, @Nullable String filename) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        List<List<String>> table = isXlsx(content, filename) ? readXlsx(content, numbers) : readCsv(content, numbers);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            rows.add(new Row(numbers.get(i), table.get(i)));
        }
        return new ImportTable(rows);
    }

    public static boolean isXlsx(byte[] content, @Nullable String filename) {
        if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return true;
        }
        // a zip file (PK\3\4) is not a CSV
        return content.length > 3 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /** The text of a CSV file: UTF-8 (BOM dropped) when valid, else GB18030. */
    public static String decode(byte[] content) {
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
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
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
