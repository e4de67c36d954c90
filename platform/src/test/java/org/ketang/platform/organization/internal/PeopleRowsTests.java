package org.ketang.platform.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketang.platform.organization.Examples;
import org.ketang.platform.organization.internal.PeopleRows.Kind;
import org.ketang.platform.organization.internal.PeopleRows.Person;

class PeopleRowsTests {

    static final PeopleRows.Catalog CATALOG = new PeopleRows.Catalog(Map.of("七年级1班", 11L, "七年级2班", 12L),
            Map.of("数学", 2L, "物理", 4L, "语文", 1L, "英语", 3L), Set.of("20250001"), "admin"::equals);

    static PeopleRows.Checked check(byte[] content, String filename) {
        var parsed = ImportFile.read(content, filename, PeopleRows.COLUMNS);
        assertThat(parsed.errors()).isEmpty();
        return PeopleRows.check(parsed.rows(), CATALOG);
    }

    static PeopleRows.Checked check(String csv) {
        return check(csv.getBytes(StandardCharsets.UTF_8), "people.csv");
    }

    @Test
    void theExampleFileListsTeachersStudentsAndParents() {
        var checked = check(Examples.file("people.csv"), "people.csv");
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.people()).extracting(Person::kind).containsExactly(Kind.TEACHER, Kind.TEACHER, Kind.TEACHER,
                Kind.STUDENT, Kind.STUDENT, Kind.STUDENT, Kind.PARENT, Kind.PARENT);
        Person wang = checked.people().get(0);
        assertThat(wang.username()).isEqualTo("wangfang");
        assertThat(wang.classId()).isEqualTo(11L);
        assertThat(wang.subjectIds()).containsExactly(2L, 4L);
        Person mother = checked.people().get(7);
        assertThat(mother.studentNos()).containsExactly("20260101", "20260201");
        assertThat(mother.relation()).isEqualTo("母亲");
    }

    @Test
    void theExampleAsXlsxReadsTheSame() {
        var checked = check(Examples.xlsx("people.csv"), "people.xlsx");
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.people()).hasSize(8);
        assertThat(checked.people().get(3).studentNos()).containsExactly("20260101");
        assertThat(checked.people().get(0).phone()).isEqualTo("13800000001");
    }

    @Test
    void reportsEveryBadRow() {
        var checked = check("""
                type,name,username,phone,class,studentNo,subjects,relation
                teacher,王芳,admin,,,,数学,
                teacher,李强,,12ab,,,天文,
                student,张三,,,九年级5班,1,,
                student,李四,,,七年级1班,,,
                student,王五,,,七年级1班,20250001,,
                parent,赵六,,,,99999999,,父亲
                robot,R2,,,,,,
                student,,,,七年级1班,3,,
                """);
        assertThat(checked.people()).isEmpty();
        assertThat(checked.errors()).extracting(ImportError::messageEn).containsExactly(
                "row 2: username admin is already taken",
                "row 3: phone 12ab is not valid",
                "row 3: unknown subject 天文",
                "row 4: unknown class 九年级5班",
                "row 5: a student needs one student number",
                "row 6: student number 20250001 already exists",
                "row 7: unknown student number 99999999",
                "row 8: unknown type robot (teacher, student or parent)",
                "row 9: name is missing");
    }

    @Test
    void duplicatesWithinTheFileAreErrors() {
        var checked = check("""
                类型,姓名,用户名,手机,班级,学号
                学生,甲,x1,13800000001,七年级1班,1
                学生,乙,X1,13800000001,七年级1班,1
                """);
        assertThat(checked.errors()).extracting(ImportError::message).containsExactly(
                "第3行：用户名 X1 与第2行重复", "第3行：手机号 13800000001 与第2行重复", "第3行：学号 1 与第2行重复");
    }

    @Test
    void aParentMayNameAChildListedFurtherDown() {
        var checked = check("类型,姓名,学号,班级,关系\n家长,母亲甲,7,,\n学生,甲,7,七年级2班,\n");
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.people().get(0).relation()).isEqualTo("监护人");
        assertThat(List.of(checked.people().get(1).classId())).containsExactly(12L);
    }
}
