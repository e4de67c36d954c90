package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.subtract;

import java.util.SplittableRandom;

import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.FrameSize;

/**
 * A camera sensor's imperfections on a rendered frame: exposure gain and Gaussian noise. The noise comes from a few
 * precomputed fields picked at random per frame (generating fresh noise for every 1080p frame would dominate the
 * rendering time).
 */
final class Sensor implements AutoCloseable {

    private static final int FIELDS = 6;

    private final Mat[] brighter = new Mat[FIELDS];
    private final Mat[] darker = new Mat[FIELDS];
    private final SplittableRandom random;
    private final boolean noisy;

    Sensor(FrameSize size, double sigma, long seed) {
        this.random = new SplittableRandom(seed);
        this.noisy = sigma > 0;
        if (noisy) {
            int values = size.width() * size.height() * 3;
            short[] field = new short[values];
            for (int i = 0; i < FIELDS; i++) {
                for (int v = 0; v < values; v++) {
                    field[v] = (short) Math.round(random.nextGaussian() * sigma);
                }
                try (ShortPointer data = new ShortPointer(field);
                        Mat signed = new Mat(size.height(), size.width(), CV_16SC3, data)) {
                    brighter[i] = new Mat();
                    darker[i] = new Mat();
                    signed.convertTo(brighter[i], CV_8UC3);
                    signed.convertTo(darker[i], CV_8UC3, -1, 0);
                }
            }
        }
    }

    /** Applies exposure {@code gain} and one noise field to the frame in place. */
    void expose(Mat frame, double gain) {
        if (Math.abs(gain - 1) > 1e-6) {
            frame.convertTo(frame, -1, gain, 0);
        }
        if (noisy) {
            int i = random.nextInt(FIELDS);
            add(frame, brighter[i], frame);
            subtract(frame, darker[i], frame);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < FIELDS; i++) {
            if (brighter[i] != null) {
                brighter[i].close();
                darker[i].close();
            }
        }
    }
}
