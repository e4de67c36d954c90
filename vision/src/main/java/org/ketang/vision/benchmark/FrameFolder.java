package org.ketang.vision.benchmark;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.FrameSource;

/**
 * The frames of a folder of numbered pictures (PNG, JPEG, BMP), in the order of the last number in their names
 * ({@code frame_2.png} before {@code frame_10.png}); frame 0 of the truth file is the first picture.
 */
final class FrameFolder implements FrameSource {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private final List<Path> files;
    private final double fps;
    private final FrameSize size;
    private int next;

    FrameFolder(Path folder, double fps) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            this.files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(png|jpe?g|bmp)")).sorted(Comparator.comparingLong(FrameFolder::number)
                            .thenComparing(Path::toString)).toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no PNG, JPEG or BMP pictures in " + folder);
        }
        this.fps = fps;
        try (Mat first = imread(files.get(0).toString(), IMREAD_COLOR)) {
            if (first.empty()) {
                throw new IOException("cannot read " + files.get(0));
            }
            this.size = new FrameSize(first.cols(), first.rows());
        }
    }

    private static long number(Path file) {
        Matcher m = NUMBER.matcher(file.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    @Override
    public FrameSize size() {
        return size;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public boolean read(Mat frame) throws IOException {
        if (next >= files.size()) {
            return false;
        }
        Path file = files.get(next++);
        try (Mat picture = imread(file.toString(), IMREAD_COLOR)) {
            if (picture.empty() || picture.cols() != size.width() || picture.rows() != size.height()) {
                throw new IOException("cannot read " + file + " as a " + size.width() + "×" + size.height()
                        + " picture");
            }
            picture.copyTo(frame);
        }
        return true;
    }
}
