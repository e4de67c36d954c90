package org.ketang.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoxTests {

    @Test
    void containsAllowsTheToleranceOnEverySide() {
        Box crop = new Box(100, 100, 200, 100);
        assertThat(crop.contains(new Box(100, 100, 200, 100), 0)).isTrue();
        assertThat(crop.contains(new Box(99.5, 100, 10, 10), 1)).isTrue();
        assertThat(crop.contains(new Box(98, 100, 10, 10), 1)).isFalse();
        assertThat(crop.contains(new Box(250, 150, 60, 10), 1)).isFalse();
    }

    @Test
    void shiftedInsideMovesWithoutResizingUntilItMustShrink() {
        Box frame = new Box(0, 0, 1280, 720);
        assertThat(new Box(1200, -20, 200, 100).shiftedInside(frame)).isEqualTo(new Box(1080, 0, 200, 100));
        assertThat(new Box(-10, 0, 2000, 100).shiftedInside(frame)).isEqualTo(new Box(0, 0, 1280, 100));
    }

    @Test
    void intersectionAndUnion() {
        Box a = new Box(0, 0, 10, 10);
        Box b = new Box(5, 5, 10, 10);
        assertThat(a.intersection(b)).isEqualTo(new Box(5, 5, 5, 5));
        assertThat(a.union(b)).isEqualTo(new Box(0, 0, 15, 15));
        assertThat(a.iou(b)).isEqualTo(25.0 / 175);
        assertThat(a.intersection(new Box(20, 20, 1, 1)).area()).isZero();
    }

    @Test
    void evenPixelsSuitA420Crop() {
        assertThat(new Box(101.4, 49.6, 640.7, 359.2).evenPixels()).containsExactly(102, 50, 640, 360);
    }

    @Test
    void negativeSizesAreRefused() {
        assertThatThrownBy(() -> new Box(0, 0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
