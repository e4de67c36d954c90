package org.ketang.platform.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TusMetadataTests {

    @Test
    void readsPairsInOrderWithChineseValuesAndValuelessKeys() {
        // "filename 第一课.mp4" and "title 勾股定理" as tus-js-client encodes them
        Map<String, String> pairs = TusMetadata.parse("filename 56ys5LiA6K++Lm1wNA==,is_draft,title 5Yu+6IKh5a6a55CG");
        assertThat(pairs).containsExactly(Map.entry("filename", "第一课.mp4"), Map.entry("is_draft", ""),
                Map.entry("title", "勾股定理"));
    }

    @Test
    void whatIsFormattedParsesBackTheSame() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("filename", "期中复习 (1).mp4");
        pairs.put("gradeId", "7");
        pairs.put("flag", "");
        assertThat(TusMetadata.parse(TusMetadata.format(pairs))).isEqualTo(pairs);
    }

    @Test
    void anEmptyOrMissingHeaderHasNoPairs() {
        assertThat(TusMetadata.parse(null)).isEmpty();
        assertThat(TusMetadata.parse(" ")).isEmpty();
    }

    @Test
    void refusesValuesThatAreNotBase64AndRepeatedKeys() {
        assertThatIllegalArgumentException().isThrownBy(() -> TusMetadata.parse("filename not*base64"));
        assertThatIllegalArgumentException().isThrownBy(() -> TusMetadata.parse("a YQ==,a Yg=="));
        assertThatIllegalArgumentException().isThrownBy(() -> TusMetadata.parse("a YQ== extra"));
    }
}
