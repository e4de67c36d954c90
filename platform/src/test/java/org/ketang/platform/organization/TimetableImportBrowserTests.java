package org.ketang.platform.organization;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** An administrator imports a timetable file through the admin console and sees it in the class grid. */
class TimetableImportBrowserTests extends BrowserTest {

    @TempDir
    Path files;

    @Test
    void adminImportsATimetableAndSeesItRendered() throws Exception {
        Path csv = files.resolve("七年级2班课表.csv");
        Files.writeString(csv, """
                班级,星期,节次,学科,教师,教室
                七年级2班,周一,1,语文,李强,
                七年级2班,周一,2,数学,王芳,
                七年级2班,周三,3,数学,王芳,录播教室2
                """, StandardCharsets.UTF_8);

        Page page = newPage();
        signIn(page, "admin");
        page.waitForURL("**/admin/**");
        page.getByTestId("nav-timetable").click();
        choose(page, "timetable-school-select", "第一中学");
        choose(page, "timetable-class-select", "七年级2班");
        Locator grid = page.getByTestId("timetable-grid");
        assertThat(grid).isVisible();
        assertThat(page.getByTestId("tt-cell-2-1")).not().isEmpty();

        page.getByTestId("timetable-import-file").setInputFiles(csv);
        page.getByTestId("timetable-import-submit").click();
        assertThat(page.getByTestId("timetable-import-result")).containsText("3");

        assertThat(page.getByTestId("tt-cell-1-1")).containsText("语文");
        assertThat(page.getByTestId("tt-cell-1-1")).containsText("李强");
        assertThat(page.getByTestId("tt-cell-1-2")).containsText("数学");
        assertThat(page.getByTestId("tt-cell-3-3")).containsText("录播教室2");
        // the import replaced the class's week: Tuesday's first lesson is gone
        assertThat(page.getByTestId("tt-cell-2-1")).isEmpty();
        screenshot(page, "timetable-imported");
    }

    @Test
    void aFileWithMistakesIsRefusedRowByRowAndChangesNothing() throws Exception {
        Path csv = files.resolve("bad.csv");
        Files.writeString(csv, """
                班级,星期,节次,学科,教师
                七年级1班,周一,1,数学,王芳
                七年级1班,周一,2,数学,王老师
                七年级9班,周二,1,语文,李强
                """, StandardCharsets.UTF_8);

        Page page = newPage();
        signIn(page, "sadmin1");
        page.waitForURL("**/admin/**");
        page.getByTestId("nav-timetable").click();
        choose(page, "timetable-class-select", "七年级1班");
        String mondayBefore = page.getByTestId("tt-cell-1-2").textContent();

        page.getByTestId("timetable-import-file").setInputFiles(csv);
        page.getByTestId("timetable-import-submit").click();
        Locator errors = page.getByTestId("import-errors");
        assertThat(errors).containsText("王老师");
        assertThat(errors).containsText("七年级9班");
        assertThat(errors).containsText("3");
        assertThat(page.getByTestId("tt-cell-1-2")).hasText(mondayBefore);
    }
}
