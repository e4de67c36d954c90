package org.ketang.platform.organization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The example import files of {@code docs/examples}, as the documentation shows them, and variants of them. */
public final class Examples {

    private Examples() {
    }

    /** The bytes of {@code docs/examples/<name>} (UTF-8 without BOM). */
    public static byte[] file(String name) {
        Path path = Path.of("..", "docs", "examples", name);
        if (!Files.exists(path)) {
            path = Path.of("docs", "examples", name);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(file(name), StandardCharsets.UTF_8);
    }

    /** The example re-encoded, e.g. as Excel on Chinese Windows saves CSV (GB18030). */
    public static byte[] encoded(String name, Charset charset) {
        return text(name).getBytes(charset);
    }

    /** The example with a UTF-8 byte order mark, as Excel saves "CSV UTF-8". */
    public static byte[] withBom(String name) {
        byte[] content = file(name);
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] all = new byte[content.length + 3];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(content, 0, all, 3, content.length);
        return all;
    }

    /** The example as an .xlsx workbook made with POI (numbers in numeric cells, as Excel stores them). */
    public static byte[] xlsx(String name) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream();
                CSVParser parser = CSVFormat.DEFAULT.parse(new java.io.StringReader(text(name)))) {
            Sheet sheet = workbook.createSheet("导入");
            int r = 0;
            for (CSVRecord record : parser) {
                Row row = sheet.createRow(r++);
                List<String> cells = record.toList();
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (r > 1 && value.matches("[0-9]{1,9}")) {
                        row.createCell(c).setCellValue(Long.parseLong(value));
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
