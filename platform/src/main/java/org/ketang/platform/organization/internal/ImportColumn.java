package org.ketang.platform.organization.internal;

import java.util.List;
import java.util.Locale;

/** A column an import file may have, with the header names it is known by (Chinese and English). */
public record ImportColumn(String key, boolean required, List<String> names) {

    public static ImportColumn required(String key, String... names) {
        return new ImportColumn(key, true, List.of(names));
    }

    public static ImportColumn optional(String key, String... names) {
        return new ImportColumn(key, false, List.of(names));
    }

    boolean matches(String header) {
        String h = normalize(header);
        return names.stream().anyMatch(n -> normalize(n).equals(h));
    }

    static String normalize(String header) {
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }
}
