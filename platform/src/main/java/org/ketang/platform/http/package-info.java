/**
 * HTTP conventions shared by every module: errors as RFC 9457 problem details with a stable type and a
 * message in Chinese and English ({@link org.ketang.platform.http.ApiProblem}).
 */
@NullMarked
package org.ketang.platform.http;

import org.jspecify.annotations.NullMarked;
