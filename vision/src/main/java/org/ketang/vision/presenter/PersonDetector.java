package org.ketang.vision.presenter;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

/**
 * OpenCV's HOG people detector (Dalal–Triggs, trained weights inside OpenCV), run sparsely: each call looks at one
 * part of the teaching area (a strip around something that moves, or one of three tiles), so the cost of a full
 * scan (70–85 ms at 640×360) is spread over many frames.
 */
final class PersonDetector implements AutoCloseable {

    /** A detection window of 64×128 holds a person about this tall. */
    private static final double PERSON_IN_WINDOW = 100;
    private static final int INTERVAL = 6;
    /** Detector margin around something that moves. */
    static final double NEAR_MOTION = 0.0;
    /** Detector margin on a still view (fewer false people). */
    static final double ANYWHERE = 0.3;

    private final HOGDescriptor hog = new HOGDescriptor();
    private final FloatPointer weights;
    private final Mat svm;
    private final Box area;
    private final FrameSize size;
    private final Mat tile = new Mat();
    private int next;

    PersonDetector(FrameSize size, Box area) {
        this.size = size;
        this.area = area;
        this.weights = HOGDescriptor.getDefaultPeopleDetector();
        this.svm = new Mat(weights);
        hog.setSVMDetector(svm);
    }

    /** Whether this frame is one of the sparse frames the detector may run on. */
    boolean due(long frame) {
        return frame % INTERVAL == 0;
    }

    /** The next of three overlapping vertical tiles of the area, for a scan when nothing moves. */
    Box nextTile() {
        int tiles = 3;
        double w = area.width() / tiles;
        double overlap = Math.min(area.height() * 0.4, w);
        int t = next++ % tiles;
        return new Box(area.x() + t * w - overlap / 2, area.y(), w + overlap, area.height());
    }

    /**
     * People found in the region of interest, analysis pixels, boxes tightened to the body. {@code strictness} is
     * the SVM margin a window needs: {@link #NEAR_MOTION} where something moves (a person is likely),
     * {@link #ANYWHERE} when scanning a still view.
     */
    List<Box> detect(Mat colour, Box roi, double minHeight, double strictness) {
        roi = roi.intersection(new Box(0, 0, size.width(), size.height()));
        if (roi.width() < 64 || roi.height() < 64) {
            return List.of();
        }
        double zoom = Math.max(1, Math.min(2, PERSON_IN_WINDOW / Math.max(1, minHeight * 1.5)));
        try (Rect r = new Rect((int) roi.x(), (int) roi.y(), (int) roi.width(), (int) roi.height());
                Mat part = colour.apply(r); RectVector found = new RectVector()) {
            // a continuous copy at least as large as the detection window (OpenCV's HOG may crash on smaller ones)
            int w = Math.max(64, (int) (r.width() * zoom));
            int h = Math.max(128, (int) (r.height() * zoom));
            resize(part, tile, new Size(w, h), 0, 0, INTER_LINEAR);
            double zx = (double) w / r.width();
            double zy = (double) h / r.height();
            Mat input = tile;
            try (Size stride = new Size(8, 8); Size padding = new Size(8, 8)) {
                hog.detectMultiScale(input, found, strictness, stride, padding, 1.08, 2.0, false);
            }
            List<Box> people = new ArrayList<>();
            for (long i = 0; i < found.size(); i++) {
                Rect d = found.get(i);
                // the window has margins around the person
                double x = r.x() + (d.x() + 0.22 * d.width()) / zx;
                double y = r.y() + (d.y() + 0.07 * d.height()) / zy;
                Box person = new Box(x, y, 0.56 * d.width() / zx, 0.86 * d.height() / zy);
                if (person.height() >= minHeight) {
                    people.add(person);
                }
            }
            return people;
        }
    }

    @Override
    public void close() {
        hog.close();
        svm.close();
        weights.close();
        tile.close();
    }
}
