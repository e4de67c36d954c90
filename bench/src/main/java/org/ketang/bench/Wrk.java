package org.ketang.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian package {@code wrk}) over a list of paths, round robin, and reads its summary. */
final class Wrk {

    record Result(double requestsPerSecond, double megabytesPerSecond, double p50Millis, double p99Millis, long errors) {
    }

    static Result run(String baseUrl, List<String> paths, int connections, int seconds, Path workDir) throws Exception {
        Path script = workDir.resolve("paths.lua");
        StringBuilder lua = new StringBuilder("paths = {\n");
        for (String path : paths) {
            lua.append("  \"").append(path).append("\",\n");
        }
        lua.append("}\ncounter = 0\nrequest = function()\n  counter = counter % #paths + 1\n"
                + "  return wrk.format(\"GET\", paths[counter])\nend\n");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), baseUrl).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        Result result = new Result(number(out, "Requests/sec:\\s+([\\d.]+)"), megabytes(out), millis(out, "50%"),
                millis(out, "99%"), errors(out));
        if (result.errors() > 0) {
            throw new IllegalStateException("errors while loading " + baseUrl + ", the figures would mean nothing:\n" + out);
        }
        return result;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double megabytes(String out) {
        Matcher m = Pattern.compile("Transfer/sec:\\s+([\\d.]+)(\\w+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "GB" -> value * 1024;
            case "KB" -> value / 1024;
            case "B" -> value / (1024 * 1024);
            default -> value;
        };
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static long errors(String out) {
        Matcher m = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        long non2xx = m.find() ? Long.parseLong(m.group(1)) : 0;
        Matcher s = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        long socket = 0;
        if (s.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(s.group(i));
            }
        }
        return non2xx + socket;
    }
}
