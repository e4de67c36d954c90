package org.ketang.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Base of the browser end-to-end tests ({@code *BrowserTests}): the whole platform with the demo district
 * on a random port, driven by Playwright in Debian's Chromium ({@code /usr/bin/chromium}). Without
 * Chromium the tests are skipped on a developer machine and fail on CI ({@code CI=true}), so CI never
 * passes without running them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
public abstract class BrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KETANG_CHROMIUM", "/usr/bin/chromium"));

    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--autoplay-policy=no-user-gesture-required");

    /** The demo password of every demo account (see the README). */
    protected static final String DEMO_PASSWORD = "ketang2026";

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    private final java.util.List<BrowserContext> contexts = new java.util.ArrayList<>();

    @BeforeAll
    static void launchChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("Chromium not found at " + CHROMIUM + " (apt-get install chromium)");
            }
            Assumptions.abort("Chromium not found at " + CHROMIUM + "; browser tests skipped (apt-get install chromium)");
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(CHROMIUM_FLAGS));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A fresh browser profile (no cookies) at desktop size. */
    protected Page newPage() {
        return newPage(1366, 900);
    }

    /** A fresh browser profile (no cookies) at the given viewport size (e.g. 390×844 for a phone). */
    protected Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setLocale("zh-CN").setBaseURL(baseUrl()));
        contexts.add(context);
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /** Saves a screenshot under {@code target/screenshots/} for people reviewing a run. */
    protected static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
                .setFullPage(true));
    }

    /** Opens an Element Plus select by its test id and picks the visible option with that text. */
    protected static void choose(Page page, String testId, String option) {
        page.getByTestId(testId).click();
        page.locator(".el-select-dropdown__item:visible").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(option)).first().click();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Signs in through the login page as a demo user. */
    protected void signIn(Page page, String username) {
        page.navigate("/login");
        page.getByTestId("login-username").fill(username);
        page.getByTestId("login-password").fill(DEMO_PASSWORD);
        page.getByTestId("login-submit").click();
    }
}
