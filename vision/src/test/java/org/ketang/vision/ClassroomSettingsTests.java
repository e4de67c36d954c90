package org.ketang.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassroomSettingsTests {

    @Test
    void defaultsAnalyseEverythingAtMediumSensitivity() {
        ClassroomSettings s = ClassroomSettings.defaults();
        assertThat(s.enabled()).isTrue();
        assertThat(s.teachingArea()).isEqualTo(Region.WHOLE);
        assertThat(s.sensitivity()).isEqualTo(0.5);
        assertThat(s.zoom()).isEqualTo(2.0);
    }

    @Test
    void missingAreasFromJsonMeanTheWholeView() {
        ClassroomSettings s = new ClassroomSettings(true, null, 0.5, 2, true, null, true);
        assertThat(s.teachingArea()).isEqualTo(Region.WHOLE);
        assertThat(s.studentArea()).isEqualTo(Region.WHOLE);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> ClassroomSettings.defaults().withZoom(0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassroomSettings.defaults().withSensitivity(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Region(0.5, 0, 0.6, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRegionScalesWithTheResolution() {
        Region podium = new Region(0.1, 0.2, 0.5, 0.6);
        assertThat(podium.in(new FrameSize(1920, 1080))).isEqualTo(new Box(192, 216, 960, 648));
    }
}
