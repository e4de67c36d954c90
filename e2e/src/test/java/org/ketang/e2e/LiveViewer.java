package org.ketang.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A person watching the live class in the portal, in Debian's Chromium driven by Playwright: signs in, opens
 * {@code /portal/live/<classroom>}, and reads the recorder's time strip from every frame the video shows (a canvas,
 * the decoder of recorder/README.md) against the browser's own clock — glass-to-glass latency.
 */
final class LiveViewer implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KETANG_CHROMIUM", "/usr/bin/chromium"));
    static final String VIDEO = "document.querySelector('[data-testid=live-video]')";

    /** One frame seen: the browser's clock and the capture time in the picture (both epoch ms). */
    record Sample(long browserMillis, long pictureMillis) {
        long latencyMillis() {
            return browserMillis - pictureMillis;
        }
    }

    private final Playwright playwright;
    private final Browser browser;
    private final Page page;
    private final String sampler;

    /** Skips the tests on a developer machine without Chromium; fails on CI ({@code CI=true}). */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String why = "Chromium not found at " + CHROMIUM + " (apt-get install chromium)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    LiveViewer(String baseUrl) throws IOException {
        try (InputStream in = LiveViewer.class.getResourceAsStream("glass-to-glass.js")) {
            sampler = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--autoplay-policy=no-user-gesture-required")));
        page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("zh-CN")
                .setBaseURL(baseUrl)).newPage();
        page.setDefaultTimeout(60_000);
    }

    /** Signs in through the login page. */
    void signIn(String username, String password) {
        page.navigate("/login");
        page.getByTestId("login-username").fill(username);
        page.getByTestId("login-password").fill(password);
        page.getByTestId("login-submit").click();
        page.waitForURL("**/portal**");
    }

    /** Opens the classroom's live page, waits until the video plays, and starts reading the time strip. */
    void watch(long classroomId) {
        page.navigate("/portal/live/" + classroomId);
        waitUntilPlaying(60_000);
        page.evaluate(sampler);
    }

    /** Waits (polling, up to {@code timeoutMillis}) until the player plays and its time runs on. */
    void waitUntilPlaying(double timeoutMillis) {
        page.waitForFunction("() => { const v = " + VIDEO + "; const p = document.querySelector("
                + "'[data-testid=live-player]'); return v && p && p.dataset.status === 'playing' && v.currentTime > 1"
                + " && v.getVideoPlaybackQuality().totalVideoFrames > 10; }", null,
                new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(250));
    }

    /** Every frame read so far, in order. */
    List<Sample> samples() {
        List<?> raw = (List<?>) page.evaluate("() => window.__glassToGlass ? window.__glassToGlass.samples : []");
        List<Sample> samples = new ArrayList<>(raw.size());
        for (Object pair : raw) {
            List<?> p = (List<?>) pair;
            samples.add(new Sample(((Number) p.get(0)).longValue(), ((Number) p.get(1)).longValue()));
        }
        return samples;
    }

    /** Frames whose time strip could not be read. */
    long misses() {
        return ((Number) page.evaluate("() => window.__glassToGlass ? window.__glassToGlass.misses() : 0")).longValue();
    }

    /** The player's {@code data-status}: connecting, playing, reconnecting or ended (null: no player on the page). */
    String status() {
        Object status = page.evaluate("() => { const p = document.querySelector('[data-testid=live-player]');"
                + " return p ? p.dataset.status : null; }");
        return status == null ? null : status.toString();
    }

    /** The player's own estimate of the delay behind the live edge (hls.js), or null. */
    Long playerLatencyMillis() {
        Object value = page.evaluate("() => { const p = document.querySelector('[data-testid=live-player]');"
                + " return p && p.dataset.latencyMs ? Number(p.dataset.latencyMs) : null; }");
        return value == null ? null : ((Number) value).longValue();
    }

    /** Saves a screenshot for people reviewing a run. */
    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
