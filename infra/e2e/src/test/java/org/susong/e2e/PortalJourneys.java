package org.susong.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.e2e.PlatformIT.as;
import static org.susong.e2e.PlatformIT.awaitPaid;
import static org.susong.e2e.PlatformIT.officer;
import static org.susong.e2e.PlatformIT.register;
import static org.susong.e2e.PlatformIT.submit;
import static org.susong.e2e.PlatformIT.uscc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.susong.testing.Principal;
import org.susong.testing.Principals;

/**
 * The portal's browser journeys (issue 18), in Chromium ({@link BrowserJourneys}) on the portal of the platform the
 * calling class started; what the journey needs beforehand (applicants, applications) is set up over REST with
 * {@link PlatformIT}'s helpers, what it checks is read on the pages, and the services are asked afterwards that the
 * pages told the truth.
 */
final class PortalJourneys {

    static final String SIMING = "SIMING";
    static final Principal SIMING_OFFICER = Principals.officer("officer-siming-e2e", SIMING);
    static final Principal SIMING_CHECKER = SIMING_OFFICER.named("checker-siming-e2e");

    private PortalJourneys() {
    }

    /**
     * A B3a application whose award (10% of 60,000,000 CNY invested: 6,000,000 CNY) is above eligibility's automatic
     * approval (5,000,000 CNY in the local profile), so it waits for an officer's review.
     */
    static Map<String, Object> b3aForReview(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", "B3a", "facts", Map.of("projectNumber",
                "2026YFC" + UUID.randomUUID().toString().substring(0, 8), "projectName", "Browser journey transformation",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 6_000_000_000L));
    }

    /** Registers an applicant in Siming (its officers: {@link #SIMING_OFFICER}, {@link #SIMING_CHECKER}) with an account. */
    static String registerInSiming(int n) {
        String uscc = uscc(n);
        String name = "E2E Siming Enterprise " + n;
        as(SIMING_OFFICER, "applications").body(Map.of("uscc", uscc, "name", name, "type", "ENTERPRISE", "district",
                        "Siming", "bankAccount", Map.of("accountName", name, "accountNumber", String.format("6222%012d", n),
                                "bankCode", "102393000019", "bankName", "ICBC Xiamen Branch")))
                .post("/applicants").then().statusCode(201);
        String change = as(SIMING_OFFICER, "applications").get("/applicants/" + uscc).then().statusCode(200).extract()
                .path("pendingBankAccountChange.id");
        as(SIMING_CHECKER, "applications").post("/applicants/" + uscc + "/bank-account-changes/" + change + "/approval")
                .then().statusCode(200);
        return uscc;
    }

    /** Waits until eligibility holds the application's decision open for an officer's review; its proposed amount. */
    static void awaitOpenReview(Principal officer, String applicationId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(officer, "eligibility").get("/decisions/" + applicationId).then().statusCode(200)
                        .body("outcome", equalTo("REVIEW_REQUIRED")).body("reviewState", equalTo("OPEN")));
    }

    /**
     * Issue 18's first journey: a Huli officer signs in on the development sign-in, sees only Huli rows on its list (a
     * Siming application submitted beside its own is not there), opens the work queue, opens the application that awaits
     * its review from it, decides it with the form (approved, 900,000.00 CNY instead of the proposed 6,000,000.00 CNY:
     * one officer suffices under the maker-checker threshold of 1,000,000 CNY, and payments pays it without a finance
     * officer under its automatic approval of 1,000,000 CNY), and watches the application's page until it is PAID.
     * The services then confirm what the pages said: the decision approved for 90,000,000 fen by that officer, one
     * payment order, settled for that amount.
     */
    static void aHuliOfficerDecidesAReviewAndSeesTheApplicationPaid(String portal, int n) {
        BrowserJourneys.assumeBrowser(); // before anything is set up for it
        String huliUscc = register(n);
        String huli = submit(b3aForReview(huliUscc));
        String simingUscc = registerInSiming(n + 1);
        String siming = as(SIMING_OFFICER, "applications").body(b3aForReview(simingUscc)).post("/applications").then()
                .statusCode(201).extract().path("id");
        awaitOpenReview(PlatformIT.OFFICER, huli);
        // the Siming application exists for Siming: its absence below is the district rule, not timing
        as(SIMING_OFFICER, "applications").get("/applications/" + siming).then().statusCode(200)
                .body("applicantUscc", equalTo(simingUscc));

        String user = "officer-huli-browser";
        try (BrowserJourneys.Browser browser = BrowserJourneys.open("officer-review")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);

            page.get(portal + "/sign-in");
            page.findElement(By.cssSelector("input[name=role][value=officer]")).click();
            page.findElement(By.id("user")).sendKeys(user);
            new Select(page.findElement(By.id("district"))).selectByValue("HULI");
            browser.screenshot("sign-in");
            page.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();

            wait.until(ExpectedConditions.urlContains("/officer/applications"));
            browser.screenshot("officer-applications");
            List<String> ids = texts(page, "table tbody th[scope=row] code");
            List<String> applicants = texts(page, "table tbody td:nth-of-type(1) code");
            assertTrue(ids.contains(huli), "the officer's own district's application is listed: " + ids);
            assertFalse(ids.contains(siming), "no Siming application on a Huli officer's list: " + ids);
            assertFalse(applicants.contains(simingUscc), "no Siming applicant on a Huli officer's list: " + applicants);
            assertTrue(page.getPageSource().contains(user), "the page says whom the portal acts as");

            page.findElement(By.cssSelector("a[href='/officer/queue']")).click();
            wait.until(ExpectedConditions.urlContains("/officer/queue"));
            browser.screenshot("work-queue");
            WebElement review = page.findElement(By.cssSelector("#reviews-caption")).findElement(By.xpath("ancestor::table"))
                    .findElement(By.cssSelector("a[href='/officer/applications/" + huli + "']"));
            assertFalse(page.findElements(By.cssSelector("a[href='/officer/applications/" + siming + "']")).size() > 0,
                    "no Siming review in a Huli officer's queue");
            review.click();

            wait.until(ExpectedConditions.urlContains("/officer/applications/" + huli));
            browser.screenshot("application-awaiting-review");
            assertEquals("OPEN", attribute(page, "dd[data-review-state]", "data-review-state"));
            assertEquals("REVIEW_REQUIRED", attribute(page, "dd[data-outcome]", "data-outcome"));
            WebElement amount = page.findElement(By.cssSelector("form.review #amount"));
            assertEquals("6,000,000.00", amount.getAttribute("value"), "the form offers the proposed amount");
            page.findElement(By.cssSelector("form.review input[name=outcome][value=APPROVED]")).click();
            amount.clear();
            amount.sendKeys("900,000.00");
            page.findElement(By.cssSelector("form.review #reason")).sendKeys(
                    "浏览器旅程：投资额中仅9,000,000元有凭证 (the evidenced investment: 9,000,000 CNY)");
            browser.screenshot("review-form-filled");
            page.findElement(By.cssSelector("form.review button[type=submit]")).click();

            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("dd[data-review-state]"), "data-review-state", "DONE"));
            browser.screenshot("review-decided");
            assertEquals("APPROVED", attribute(page, "dd[data-outcome]", "data-outcome"));
            assertTrue(page.findElements(By.cssSelector("form.review")).isEmpty(), "no form once decided");

            // payments reserves, instructs and settles it (the local profile's processor and bank-file rounds): the page
            // read again until it says PAID
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                page.navigate().refresh();
                assertEquals("PAID", attribute(page, "dd[data-status]", "data-status"));
            });
            browser.screenshot("application-paid");
            assertTrue(page.findElement(By.id("s-payments")).isDisplayed());
            browser.passed();
        }

        // what the pages said, as the services hold it
        awaitPaid(huli);
        officer("eligibility").get("/decisions/" + huli).then().statusCode(200).body("outcome", equalTo("APPROVED"))
                .body("amountFen", equalTo(90_000_000)).body("reviewState", equalTo("DONE"))
                .body("explanationEn", containsString(user));
        List<Map<String, Object>> orders = AfterDecisionIT.orders(huli);
        assertEquals(1, orders.size(), "one payment order: " + orders);
        assertEquals("SETTLED", orders.get(0).get("state"), orders.toString());
        assertEquals(90_000_000L, ((Number) orders.get(0).get("amountFen")).longValue(), orders.toString());
    }

    static List<String> texts(WebDriver page, String css) {
        return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).map(String::trim).distinct().toList();
    }

    static String attribute(WebDriver page, String css, String attribute) {
        return page.findElement(By.cssSelector(css)).getAttribute(attribute);
    }
}
