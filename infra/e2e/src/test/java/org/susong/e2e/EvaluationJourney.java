package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.e2e.PlatformIT.as;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.susong.testing.Principal;
import org.susong.testing.Principals;

/**
 * Issue 18's journey "the evaluation page's totals equal the services' own counts" (item 4, measure D3), in Chromium on
 * the portal of the calling class's platform, after that class's journeys have made applications decided, rejected and
 * paid: an admin signs in on the development sign-in, opens {@code /evaluation}, and its totals - applications,
 * approvals, rejections, amount decided, amount paid, in fen as the totals row carries them and as its CSV export
 * states them - equal what the services answer an auditor for the whole city: applications (submitted: every one not a
 * draft), each application's outcome by eligibility's definition of the page (its latest decision, an open review of an
 * appeal leaving the outcome it appeals), and the settled or converted payment orders. Then the admin rebuilds the read
 * model from the event log with the page's button and the new generation's totals are the same.
 */
final class EvaluationJourney {

    static final Principal AUDITOR = Principals.auditor("auditor-e2e");
    static final Principal ADMIN_USER = Principals.admin("admin-evaluation-browser");
    /** How long the projection may take to catch up with the services (it reads the events as they do). */
    static final Duration CATCH_UP = Duration.ofSeconds(90);
    static final Pattern GENERATION = Pattern.compile("第 (\\d+) 代");

    private EvaluationJourney() {
    }

    /** The figures the page's totals row has, the same counted from the services. */
    record Totals(long applications, long approvals, long rejections, long decidedFen, long paidFen) {
    }

    /** Every item of a keyset-paged list of a service ({@code {items, nextCursor}}), as the auditor. */
    static List<Map<String, Object>> all(String service, String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(AUDITOR, service).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path);
            page.then().statusCode(200);
            items.addAll(page.jsonPath().getList("items"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return items;
    }

    /**
     * The application's outcome as the evaluation defines it, from eligibility: its latest decision if APPROVED or
     * REJECTED; one still in review (an appeal's re-decision waiting for an officer) leaves the outcome of the decision it
     * supersedes; none: pending (null).
     */
    static Map<String, Object> outcome(String applicationId) {
        Response latest = as(AUDITOR, "eligibility").get("/decisions/" + applicationId);
        if (latest.statusCode() == 404) {
            return null;
        }
        latest.then().statusCode(200);
        Map<String, Object> decision = latest.jsonPath().getMap("");
        while (decision != null && !Set.of("APPROVED", "REJECTED").contains(decision.get("outcome"))) {
            Object supersedes = decision.get("supersedes");
            decision = supersedes == null ? null : as(AUDITOR, "eligibility").get("/decisions/by-id/" + supersedes).then()
                    .statusCode(200).extract().jsonPath().getMap("");
        }
        return decision;
    }

    /** The services' own counts for the whole city. */
    static Totals services() {
        long applications = 0;
        long approvals = 0;
        long rejections = 0;
        long decidedFen = 0;
        for (Map<String, Object> application : all("applications", "/applications")) {
            if ("DRAFT".equals(application.get("status"))) {
                continue; // never submitted: no ApplicationSubmitted, in no row
            }
            applications++;
            Map<String, Object> outcome = outcome((String) application.get("id"));
            if (outcome != null && "APPROVED".equals(outcome.get("outcome"))) {
                approvals++;
                decidedFen += ((Number) outcome.get("amountFen")).longValue();
            } else if (outcome != null) {
                rejections++;
            }
        }
        long paidFen = all("payments", "/payments").stream().filter(o -> Set.of("SETTLED", "CONVERTED").contains(o.get("state")))
                .mapToLong(o -> ((Number) o.get("amountFen")).longValue()).sum();
        return new Totals(applications, approvals, rejections, decidedFen, paidFen);
    }

    /** The page's totals row, from its data attributes (exact counts and fen). */
    static Totals page(WebDriver page) {
        WebElement totals = page.findElement(By.id("totals"));
        return new Totals(number(totals, "data-applications"), number(totals, "data-approvals"),
                number(totals, "data-rejections"), number(totals, "data-decided-fen"), number(totals, "data-paid-fen"));
    }

    static long number(WebElement element, String attribute) {
        return Long.parseLong(element.getAttribute(attribute));
    }

    /** The totals row ({@code measure} TOTAL) of the page's CSV export, downloaded with the browser's session. */
    static Totals csv(String portal, WebDriver page) {
        Map<String, String> cookies = new HashMap<>();
        for (Cookie cookie : page.manage().getCookies()) {
            cookies.put(cookie.getName(), cookie.getValue());
        }
        String href = page.findElement(By.id("export-csv")).getAttribute("href");
        Response export = given().cookies(cookies).get(href.startsWith("http") ? href : portal + href);
        export.then().statusCode(200);
        String text = new String(export.asByteArray(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = parseCsv(text);
        List<String> header = rows.get(0);
        List<String> total = rows.stream().filter(r -> r.size() == header.size() && "TOTAL".equals(r.get(header.indexOf("measure"))))
                .findFirst().orElseThrow(() -> new AssertionError("no TOTAL row in the CSV: " + rows));
        return new Totals(Long.parseLong(total.get(header.indexOf("applications"))),
                Long.parseLong(total.get(header.indexOf("approvals"))), Long.parseLong(total.get(header.indexOf("rejections"))),
                Long.parseLong(total.get(header.indexOf("decidedFen"))), Long.parseLong(total.get(header.indexOf("paidFen"))));
    }

    /** RFC 4180 (fields in double quotes may hold commas, line breaks and doubled quotes): every row, the header first. */
    static List<List<String>> parseCsv(String text) {
        try (MappingIterator<List<String>> rows = new CsvMapper().readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("the CSV export cannot be read", e);
        }
    }

    /** The generation the page says it shows ({@code #evaluation-state}). */
    static int generation(WebDriver page) {
        String state = page.findElement(By.id("evaluation-state")).getText();
        Matcher m = GENERATION.matcher(state);
        assertTrue(m.find(), "the state names its generation: " + state);
        return Integer.parseInt(m.group(1));
    }

    /**
     * Reloads the page until its totals equal the services' counts (the projection reads the events as the services
     * do, a little later), at most {@link #CATCH_UP}; the services are counted again on each round.
     */
    static Totals awaitEqual(WebDriver page, String url) {
        AtomicReference<Totals> counted = new AtomicReference<>();
        AtomicReference<Totals> shown = new AtomicReference<>();
        try {
            // a page that cannot read its store yet (503, no totals row) is read again too
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                page.get(url);
                counted.set(services());
                shown.set(page(page));
                return counted.get().equals(shown.get());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertEquals(counted.get(), shown.get(), "the evaluation page's totals (actual) against the services' counts"
                    + " (expected) after " + CATCH_UP.toSeconds() + " s");
        }
        return shown.get();
    }

    static void theEvaluationTotalsEqualTheServicesCounts(String portal) {
        BrowserJourneys.assumeBrowser();
        try (BrowserJourneys.Browser browser = BrowserJourneys.open("evaluation-totals")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            PortalJourneys.signIn(browser, portal, "admin", ADMIN_USER.user(), null, null);
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in")));
            String url = portal + "/evaluation";

            Totals totals = awaitEqual(page, url);
            browser.screenshot("evaluation");
            assertTrue(totals.applications() > 0 && totals.approvals() > 0 && totals.rejections() > 0
                    && totals.decidedFen() > 0 && totals.paidFen() > 0, "the journeys before made all of these: " + totals);
            assertEquals(totals, csv(portal, page), "the CSV export's TOTAL row states what the page shows");
            int before = generation(page);

            // the rebuild from the event log, with the page's button: a new generation, the same totals
            page.findElement(By.id("rebuild")).click();
            wait.until(ExpectedConditions.urlContains("rebuild=started"));
            browser.screenshot("rebuild-started");
            assertFalse(page.findElements(By.id("evaluation-notice")).isEmpty(), "the page says the rebuild started");
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                page.get(url);
                assertTrue(generation(page) > before && page.findElement(By.id("evaluation-state")).getText()
                        .contains("从事件日志重建"), page.findElement(By.id("evaluation-state")).getText());
            });
            Totals rebuilt = awaitEqual(page, url);
            browser.screenshot("evaluation-rebuilt");
            assertEquals(totals, rebuilt, "the rebuilt generation's totals are the live one's");
            assertEquals(rebuilt, csv(portal, page), "and its CSV export's");
            browser.passed();
        }
    }
}
