package org.susong.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.WebSpec;

/**
 * The machinery of the portal's browser journeys (issue 18): Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (both installed by {@code .ci/run} with apt; Selenium is only the client - it is given both
 * paths, so Selenium Manager never looks for, let alone downloads, a browser or a driver), headless, a screenshot of
 * every page under {@code infra/e2e/target/browser-screenshots/}, and the marker {@code browser-journeys.txt} beside it
 * from which {@code .ci/run} prints "Browser journeys passed (...)" or "SKIPPED: browser journeys (why)". Where the
 * browser is missing a journey is skipped (a JUnit assumption) and the marker says why: never a silent pass.
 */
final class BrowserJourneys {

    static final Path CHROMIUM = Path.of(System.getProperty("susong.browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("susong.browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("susong.browser.screenshots", "target/browser-screenshots"))
            .toAbsolutePath();
    /** What happened to the browser journeys, for {@code .ci/run}'s summary: one line per journey. */
    static final Path MARKER = SCREENSHOTS.resolveSibling("browser-journeys.txt");

    static final int WIDTH = 1280;

    private BrowserJourneys() {
    }

    /** The portal as {@code ./platform run} starts it ({@link WebSpec#PORTAL}), on a free port. */
    static WebSpec portal() {
        return new WebSpec(WebSpec.PORTAL.name(), PlatformProcesses.freePort(), WebSpec.PORTAL.clients());
    }

    /** The base URI of the portal a platform started (it must have started it: a skipped portal fails the journey). */
    static String portalUri(PlatformProcesses platform) {
        if (!platform.webSkipped().isEmpty()) {
            throw new AssertionError("the portal was not started: " + platform.webSkipped());
        }
        WebSpec portal = platform.webProcesses().stream().filter(w -> w.name().equals(WebSpec.PORTAL.name())).findFirst()
                .orElseThrow(() -> new AssertionError("this platform starts no portal"));
        return "http://localhost:" + portal.port();
    }

    /** Why no browser journey can run here, or null when Chromium and its driver are installed. */
    static String missingBrowser() {
        List<String> missing = new ArrayList<>();
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                missing.add(executable.toString());
            }
        }
        return missing.isEmpty() ? null : "no " + String.join(" and no ", missing)
                + "; install Debian's chromium and chromium-driver";
    }

    /** Appends a line to the marker. */
    static synchronized void mark(String line) {
        try {
            Files.createDirectories(MARKER.getParent());
            Files.writeString(MARKER, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + MARKER, e);
        }
    }

    /** Skips the journey (a JUnit assumption), the reason in the marker, when Chromium or its driver is missing. */
    static void assumeBrowser() {
        String missing = missingBrowser();
        if (missing != null) {
            mark("SKIPPED: browser journeys (" + missing + ")");
            Assumptions.abort("SKIPPED: browser journeys (" + missing + ")");
        }
    }

    /**
     * A browser for one journey, or the journey skipped (a JUnit assumption) with the reason in the marker when Chromium
     * or its driver is missing. {@link Browser#close} records the journey as passed only when {@link Browser#passed} was
     * called.
     */
    static Browser open(String journey) {
        assumeBrowser();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=" + WIDTH + ",1024", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=zh-CN");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox"); // Chromium refuses to run as root inside its sandbox
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(journey, driver);
    }

    /** One journey's Chromium: its driver, its numbered screenshots, its line in the marker. */
    static final class Browser implements AutoCloseable {
        private final String journey;
        private final ChromeDriver driver;
        private final long started = System.nanoTime();
        private int shots;
        private boolean passed;

        private Browser(String journey, ChromeDriver driver) {
            this.journey = journey;
            this.driver = driver;
        }

        WebDriver driver() {
            return driver;
        }

        /** Saves the whole page (the window made as tall as it, up to 8,000 px) as {@code <journey>/<nn>-<name>.png}. */
        Path screenshot(String name) {
            Object height = driver.executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)");
            driver.manage().window().setSize(new Dimension(WIDTH, Math.max(600, Math.min(8_000, ((Number) height).intValue()))));
            try {
                Path file = SCREENSHOTS.resolve(journey).resolve(String.format("%02d-%s.png", ++shots, name));
                Files.createDirectories(file.getParent());
                Files.move(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                        StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                throw new IllegalStateException("cannot save the screenshot " + name, e);
            }
        }

        /** The journey reached its end. */
        void passed() {
            passed = true;
        }

        @Override
        public void close() {
            long seconds = Math.round((System.nanoTime() - started) / 1e9);
            if (!passed) {
                try {
                    screenshot("failed"); // the page the journey stopped on
                } catch (RuntimeException e) {
                    System.out.println("no screenshot of the failed page: " + e);
                }
            }
            driver.quit();
            mark((passed ? "PASSED: " : "FAILED: ") + journey + " in " + seconds + " s, " + shots + " screenshots");
        }
    }
}
