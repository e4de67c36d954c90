package org.ketang.platform.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tus {@code Upload-Metadata} header: comma-separated pairs of a key and a base64 value
 * ({@code filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential}).
 */
final class TusMetadata {

    private TusMetadata() {
    }

    /**
     * @return the pairs in order; a key without a value maps to ""
     * @throws IllegalArgumentException when a key is empty or repeated, or a value is not base64 of UTF-8 text
     */
    static Map<String, String> parse(@Nullable String header) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return pairs;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ", -1);
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("Malformed Upload-Metadata pair: " + pair.trim());
            }
            String key = parts[0];
            String value = "";
            if (parts.length == 2) {
                try {
                    value = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Upload-Metadata value of " + key + " is not base64");
                }
            }
            if (pairs.put(key, value) != null) {
                throw new IllegalArgumentException("Upload-Metadata key repeated: " + key);
            }
        }
        return pairs;
    }

    static String format(Map<String, String> pairs) {
        StringBuilder header = new StringBuilder();
        pairs.forEach((key, value) -> {
            if (!header.isEmpty()) {
                header.append(',');
            }
            header.append(key);
            if (!value.isEmpty()) {
                header.append(' ').append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return header.toString();
    }
}
