package org.ketang.platform.organization.internal;

/** One problem with one row of an import file, in Chinese and English ("第17行：未知教师 王老师"). */
public record ImportError(int row, String message, String messageEn) {

    public static ImportError at(int row, String problemZh, String problemEn) {
        return new ImportError(row, "第" + row + "行：" + problemZh, "row " + row + ": " + problemEn);
    }
}
