package org.ketang.platform.organization.web;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.organization.internal.ImportRejected;
import org.springframework.http.HttpStatus;

/** The 422 {@code import-rejected} problem with every row error. */
final class ImportProblems {

    private ImportProblems() {
    }

    static ApiProblem rejected(ImportRejected e) {
        int count = e.errors().size();
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected",
                "文件有 " + count + " 处错误，未导入任何数据", "The file has " + count + " error(s); nothing was imported")
                .with("errors", e.errors());
    }
}
