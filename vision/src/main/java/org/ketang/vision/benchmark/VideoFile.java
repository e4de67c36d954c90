package org.ketang.vision.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.FrameSource;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * The frames of a video file, decoded by an ffmpeg child process to raw BGR on its standard output (a broken file
 * cannot crash the benchmark's JVM). Size and frame rate come from ffprobe.
 */
final class VideoFile implements FrameSource {

    private final FrameSize size;
    private final double fps;
    private final Process process;
    private final InputStream frames;
    private final byte[] buffer;

    VideoFile(Path file, Ffmpeg ffmpeg, double fpsOverride) throws IOException, InterruptedException {
        Process probe = ffmpeg.command(ffmpeg.ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,avg_frame_rate", "-of", "csv=p=0", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            throw new IOException("ffprobe could not read " + file + ": " + out);
        }
        String[] fields = out.split("\\R")[0].split(",");
        this.size = new FrameSize(Integer.parseInt(fields[0].trim()), Integer.parseInt(fields[1].trim()));
        this.fps = fpsOverride > 0 ? fpsOverride : rate(fields[2].trim());
        this.process = ffmpeg.command(ffmpeg.ffmpeg(), "-v", "error", "-nostdin", "-i", file.toString(), "-map",
                "0:v:0", "-f", "rawvideo", "-pix_fmt", "bgr24", "-").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        this.frames = process.getInputStream();
        this.buffer = new byte[size.width() * size.height() * 3];
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                : Double.parseDouble(parts[0]);
        return value > 0 && value < 1000 ? value : 25;
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
        int read = frames.readNBytes(buffer, 0, buffer.length);
        if (read < buffer.length) {
            return false;
        }
        frame.create(size.height(), size.width(), CV_8UC3);
        ((BytePointer) frame.data()).put(buffer);
        return true;
    }

    @Override
    public void close() throws IOException {
        frames.close();
        process.destroy();
    }
}
