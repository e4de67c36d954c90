package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.TestSchool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/** Scores: grid and file import with row errors, publishing, what a parent sees and what stays with teachers. */
@IntegrationTest
class ScoresApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    TestSchool school;
    Actor wang;
    Actor zhao;
    Actor parent1;
    Actor parent3;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        wang = school.actor(school.wangUser, BuiltInRole.TEACHER);
        zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        parent3 = school.actor(school.parent3User, BuiltInRole.PARENT);
    }

    long exam(long classId) throws Exception {
        String body = mvc.perform(post("/api/v1/homeschool/exams").with(actor(wang)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"期中考试","examDate":"%s","classIds":[%d],
                         "subjects":[{"subject":"语文","fullMark":120},{"subject":"数学","fullMark":120}]}"""
                        .formatted(LocalDate.now(), classId)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    ResultActions importCsv(long exam, long classId, String csv) throws Exception {
        return mvc.perform(multipart("/api/v1/homeschool/exams/" + exam + "/import?classId=" + classId)
                .file(new MockMultipartFile("file", "scores.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(actor(wang)).with(csrf()));
    }

    @Test
    void aCsvWithErrorsIsRefusedWholeAndEveryRowSaysWhy() throws Exception {
        long exam = exam(school.class1);
        importCsv(exam, school.class1, """
                学号,姓名,语文,数学,物理
                1%1$s,张小明,98,130
                9%1$s,某人,90,90
                2%1$s,刘洋,八十,缺考
                """.formatted(school.tag)).andExpect(status().isUnprocessableEntity())
                // a wrong header is reported before the rows are read
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(jsonPath("$.errors[0].message").value("第1行：考试中没有学科「物理」"));
        importCsv(exam, school.class1, """
                学号,姓名,语文,数学
                1%1$s,张小明,98,130
                9%1$s,某人,90,90
                2%1$s,刘洋,八十,缺考
                """.formatted(school.tag)).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors", hasSize(3)))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("第2行：数学 130 不在 0–120 之间")))
                .andExpect(jsonPath("$.errors[1].message").value(containsString("第3行：本班没有学号")))
                .andExpect(jsonPath("$.errors[2].message").value(containsString("第4行：语文「八十」不是分数")));
        // nothing was saved
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/scores?classId=" + school.class1).with(actor(wang)))
                .andExpect(jsonPath("$.rows[0].scores").isEmpty());
    }

    @Test
    void anXlsxAndTheGridFillTheExamAndTeachersSeeStatisticsAndRanks() throws Exception {
        long exam = exam(school.class1);
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("成绩");
            String[][] cells = { { "姓名", "语文", "数学" }, { "张小明", "98", "110" }, { "刘洋", "102", "缺考" } };
            for (int r = 0; r < cells.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    if (r > 0 && cells[r][c].matches("\\d+")) {
                        row.createCell(c).setCellValue(Double.parseDouble(cells[r][c]));
                    } else {
                        row.createCell(c).setCellValue(cells[r][c]);
                    }
                }
            }
            book.write(out);
            xlsx = out.toByteArray();
        }
        mvc.perform(multipart("/api/v1/homeschool/exams/" + exam + "/import?classId=" + school.class1)
                .file(new MockMultipartFile("file", "成绩.xlsx", "application/octet-stream", xlsx)).with(actor(wang)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.saved").value(4));
        mvc.perform(put("/api/v1/homeschool/exams/" + exam + "/scores?classId=" + school.class1).with(actor(wang)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"entries":[{"studentId":%d,"subject":"数学","score":121,"absent":false}]}""".formatted(school.student2)))
                .andExpect(status().isUnprocessableEntity());
        mvc.perform(put("/api/v1/homeschool/exams/" + exam + "/scores?classId=" + school.class1).with(actor(wang)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"entries":[{"studentId":%d,"subject":"数学","score":99.5,"absent":false}]}""".formatted(school.student2)))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/statistics?classId=" + school.class1).with(actor(wang)))
                .andExpect(jsonPath("$.subjects[0].subject").value("语文"))
                .andExpect(jsonPath("$.subjects[0].statistics.average").value(100.0))
                .andExpect(jsonPath("$.subjects[1].statistics.highest").value(110.0))
                // 张小明 98 + 110 = 208 before 刘洋 102 + 99.5
                .andExpect(jsonPath("$.ranking[0].name").value("张小明")).andExpect(jsonPath("$.ranking[0].rank").value(1))
                .andExpect(jsonPath("$.ranking[1].total").value(201.5));
    }

    @Test
    void aParentSeesOnlyTheirChildsPublishedScoresWithTheChosenStatisticsAndNoRank() throws Exception {
        long exam = exam(school.class1);
        importCsv(exam, school.class1, "学号,语文,数学\n1%1$s,98,110\n2%1$s,102,90\n".formatted(school.tag))
                .andExpect(status().isOk());
        // not yet published: nothing to see
        mvc.perform(get("/api/v1/homeschool/exams?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/report?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/homeschool/exams/" + exam + "/publish").with(actor(wang)).with(csrf()))
                .andExpect(jsonPath("$.publishedAt").exists());

        mvc.perform(get("/api/v1/homeschool/exams?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(jsonPath("$[0].id").value(exam));
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/report?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.studentName").value("张小明"))
                .andExpect(jsonPath("$.lines[0].score").value(98.0))
                .andExpect(jsonPath("$.lines[0].classAverage").value(100.0))
                .andExpect(jsonPath("$.lines[0].classHighest").value(102.0))
                // the school's default shows no distribution, and ranks never reach parents
                .andExpect(jsonPath("$.lines[0].distribution").doesNotExist())
                .andExpect(jsonPath("$.rank").doesNotExist())
                // other children's scores are nowhere in the answer
                .andExpect(content().string(not(containsString("刘洋"))));

        // another family: 404 for the child, the report and the list; teachers' views are 403 for parents
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/report?studentId=" + school.student1).with(actor(parent3)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/exams?studentId=" + school.student1).with(actor(parent3)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/report?studentId=" + school.student3).with(actor(parent3)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/scores?classId=" + school.class1).with(actor(parent1)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/homeschool/exams/" + exam + "/statistics?classId=" + school.class1).with(actor(parent1)))
                .andExpect(status().isForbidden());
        // a teacher who does not teach 2班 sees none of its exams
        long exam2 = exam(school.class2);
        mvc.perform(get("/api/v1/homeschool/exams/" + exam2 + "/scores?classId=" + school.class2).with(actor(zhao)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/homeschool/exams/" + exam2 + "/publish").with(actor(zhao)).with(csrf()))
                .andExpect(status().isNotFound());
    }
}
