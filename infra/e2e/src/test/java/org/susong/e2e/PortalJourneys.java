package org.susong.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
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

            signIn(browser, portal, "officer", user, "HULI", null);
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

    /**
     * A B3a application whose award (10% of 30,000,000 CNY invested: 3,000,000 CNY) eligibility approves by itself (under
     * its automatic approval of 5,000,000 CNY in the local profile) and whose order waits for two different finance
     * officers (above payments' {@code dual-approval-above-fen}, 2,000,000 CNY in the local profile).
     */
    static Map<String, Object> b3aForTwoApprovals(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", "B3a", "facts", Map.of("projectNumber",
                "2026YFC" + UUID.randomUUID().toString().substring(0, 8), "projectName", "Browser journey two approvals",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 3_000_000_000L));
    }

    /** An order as payments answers it to a finance officer ({@code GET /payments/{id}}). */
    static Map<String, Object> order(String orderId) {
        return as(PlatformIT.FINANCE, "payments").get("/payments/" + orderId).then().statusCode(200).extract().as(Map.class);
    }

    /** The row of an order on the approvals page (its checkbox's row), or null when the page does not list it. */
    static WebElement approvalRow(WebDriver page, String orderId) {
        List<WebElement> boxes = page.findElements(By.cssSelector("form.approvals input[name=order][value='" + orderId + "']"));
        return boxes.isEmpty() ? null : boxes.get(0).findElement(By.xpath("ancestor::tr"));
    }

    /** The outcome of an order on the page that answers an approval ({@code tr[data-outcome]} of its row). */
    static WebElement outcomeRow(WebDriver page, String orderId) {
        return page.findElements(By.cssSelector("tr[data-outcome]")).stream()
                .filter(r -> r.findElement(By.cssSelector("th code")).getText().trim().equals(orderId)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + orderId + " on " + page.getCurrentUrl()));
    }

    /**
     * Issue 18's journey "a finance officer approves and cannot approve twice" (maker-checker, payments'
     * {@code POST /payments/{id}/approvals}): an order of 3,000,000 CNY waits for two different finance officers. The
     * first signs in, finds it on {@code /finance/approvals} (0 of 2), approves it (the page: approved, awaiting a
     * second officer, 1 of 2 by it), goes back to the same form and posts the same order again: the page shows payments'
     * refusal (HTTP 409, the service's sentence), and payments holds exactly one approval, the first officer's, the
     * order still awaiting approval. A second finance officer signs in, sees the order at 1 of 2 by the first, approves
     * it: the page says approved, the order leaves the list, and payments holds the two approvals and pays the order
     * once (settled, 300,000,000 fen).
     */
    static void aFinanceOfficerApprovesAndCannotApproveTwice(String portal, int n) {
        BrowserJourneys.assumeBrowser(); // before anything is set up for it
        String application = submit(b3aForTwoApprovals(register(n)));
        String orderId = "PO-D-" + application;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> o = order(orderId);
            assertEquals("AWAITING_APPROVAL", o.get("state"), o.toString());
            assertEquals(2, ((Number) o.get("approvalsRequired")).intValue(), "two finance officers: " + o);
        });
        String first = "finance-maker-browser";
        String second = "finance-checker-browser";
        try (BrowserJourneys.Browser browser = BrowserJourneys.open("finance-approval")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);

            signIn(browser, portal, "finance", first, null, null);
            wait.until(ExpectedConditions.urlContains("/finance/approvals"));
            WebElement row = approvalRow(page, orderId);
            assertTrue(row != null, "the order waiting for approval is listed");
            assertEquals("0/2", attribute(row, "td[data-approvals]", "data-approvals"));
            row.findElement(By.cssSelector("input[name=order]")).click();
            browser.screenshot("approvals-order-checked");
            page.findElement(By.cssSelector("form.approvals button[type=submit]")).click();

            wait.until(ExpectedConditions.urlContains("/finance/approvals"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-outcome]")));
            browser.screenshot("approved-awaiting-second");
            WebElement outcome = outcomeRow(page, orderId);
            assertEquals("AWAITING_SECOND", outcome.getAttribute("data-outcome"));
            assertTrue(outcome.getText().contains("1/2") && outcome.getText().contains(first), outcome.getText());

            // the same form again (the browser's back button) and the same order posted a second time
            page.navigate().back();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.approvals")));
            WebElement box = approvalRow(page, orderId).findElement(By.cssSelector("input[name=order]"));
            if (!box.isSelected()) {
                box.click();
            }
            browser.screenshot("same-order-checked-again");
            page.findElement(By.cssSelector("form.approvals button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-outcome=REFUSED]")));
            browser.screenshot("second-approval-refused");
            WebElement refused = outcomeRow(page, orderId);
            assertEquals("REFUSED", refused.getAttribute("data-outcome"));
            String sentence = refused.findElement(By.cssSelector("[role=alert]")).getText();
            assertTrue(sentence.contains("HTTP 409") && sentence.contains("already approved"),
                    "payments' maker-checker refusal, its status and its sentence: " + sentence);

            // payments holds one approval, this officer's, and the order still waits
            Map<String, Object> afterTwoPosts = order(orderId);
            assertEquals(List.of(first), afterTwoPosts.get("approvals"), afterTwoPosts.toString());
            assertEquals("AWAITING_APPROVAL", afterTwoPosts.get("state"), afterTwoPosts.toString());
            page.get(portal + "/finance/approvals");
            browser.screenshot("approvals-one-of-two");
            assertEquals("1/2", attribute(approvalRow(page, orderId), "td[data-approvals]", "data-approvals"));

            // a second, different finance officer
            page.findElement(By.cssSelector("form[action='/sign-out'] button")).click();
            signIn(browser, portal, "finance", second, null, null);
            wait.until(ExpectedConditions.urlContains("/finance/approvals"));
            row = approvalRow(page, orderId);
            assertEquals("1/2", attribute(row, "td[data-approvals]", "data-approvals"));
            assertTrue(row.getText().contains(first), "the page names the first approver: " + row.getText());
            row.findElement(By.cssSelector("input[name=order]")).click();
            browser.screenshot("second-officer-checked");
            page.findElement(By.cssSelector("form.approvals button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-outcome]")));
            browser.screenshot("approved-by-two");
            assertEquals("APPROVED", outcomeRow(page, orderId).getAttribute("data-outcome"));
            page.get(portal + "/finance/approvals");
            browser.screenshot("approvals-after");
            assertTrue(approvalRow(page, orderId) == null, "an approved order no longer waits");
            browser.passed();
        }

        // what the pages said, as payments holds it: the two approvals, the order moved on and paid once
        Map<String, Object> approved = order(orderId);
        assertEquals(List.of(first, second), approved.get("approvals"), approved.toString());
        assertNotEquals("AWAITING_APPROVAL", approved.get("state"), approved.toString());
        awaitPaid(application);
        List<Map<String, Object>> orders = AfterDecisionIT.orders(application);
        assertEquals(1, orders.size(), "one payment order: " + orders);
        assertEquals("SETTLED", orders.get(0).get("state"), orders.toString());
        assertEquals(300_000_000L, ((Number) orders.get(0).get("amountFen")).longValue(), orders.toString());
        assertEquals(List.of(first, second), orders.get(0).get("approvals"), orders.toString());
    }

    /**
     * Issue 18's journey "an applicant applies through the generated form and sees its decision in its inbox". A registered Huli enterprise signs in as an applicant, goes
     * from its (empty) list to the measures open for application and to B3a's form, generated from the measure's facts
     * schema (a text field with the schema's pattern, a choice, an amount in yuan). A project number outside the
     * schema's pattern is refused by the portal (400, the field marked, the values typed and the idempotency key kept)
     * and applications receives nothing; corrected, the form is sent and the browser lands on the new application's
     * page, read again until eligibility's decision is on it: approved, 123,456.00 CNY (10% of 1,234,567.89 CNY, down
     * to the yuan), each criterion met. The list shows it with its decision. Then the services confirm the pages: one
     * application of this applicant, the facts as typed (the yuan as exact fen), the decision and its amount; once
     * payments has paid it (under its automatic approval) the page says PAID, and its inbox (from the link on its list)
     * holds the decision (approved, the amount) and the payment for this application, unread until marked read.
     */
    static void anApplicantAppliesThroughTheGeneratedFormAndSeesItsDecision(String portal, int n) {
        BrowserJourneys.assumeBrowser(); // before anything is set up for it
        String uscc = register(n);
        String projectNumber = "2026YFC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id;
        try (BrowserJourneys.Browser browser = BrowserJourneys.open("applicant-apply")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);

            signIn(browser, portal, "applicant", "applicant-browser-" + n, null, uscc);
            wait.until(ExpectedConditions.urlContains("/applicant/applications"));
            browser.screenshot("applicant-applications-empty");
            page.findElement(By.id("apply-link")).click();
            wait.until(ExpectedConditions.urlContains("/applicant/apply"));
            browser.screenshot("measures-open");
            page.findElement(By.id("apply-B3a")).click();

            wait.until(ExpectedConditions.urlContains("/applicant/apply/B3a"));
            browser.screenshot("b3a-form");
            assertEquals(List.of("projectNumber", "projectName", "resultSource", "investmentInXiamenFen"),
                    page.findElements(By.cssSelector("form.apply .field[data-fact]")).stream()
                            .map(f -> f.getAttribute("data-fact")).toList(), "a field per property, in the schema's order");
            assertEquals("YUAN", attribute(page, ".field[data-fact=investmentInXiamenFen]", "data-kind"));
            assertEquals("CHOICE", attribute(page, ".field[data-fact=resultSource]", "data-kind"));
            assertEquals("true", attribute(page, "#fact-projectNumber", "aria-required"));
            String key = attribute(page, "input[name=idempotencyKey]", "value");

            page.findElement(By.id("fact-projectNumber")).sendKeys("项目#1"); // outside the schema's pattern
            page.findElement(By.id("fact-projectName")).sendKeys("浏览器旅程：国家重点研发成果在厦转化");
            new Select(page.findElement(By.id("fact-resultSource"))).selectByValue("NATIONAL_KEY_RD");
            page.findElement(By.id("fact-investmentInXiamenFen")).sendKeys("1,234,567.89");
            browser.screenshot("b3a-form-filled-wrong");
            page.findElement(By.cssSelector("form.apply button[type=submit]")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
            browser.screenshot("b3a-form-refused");
            assertEquals("true", attribute(page, "#fact-projectNumber", "aria-invalid"));
            assertTrue(page.findElements(By.cssSelector("#fact-investmentInXiamenFen[aria-invalid]")).isEmpty());
            assertEquals("1,234,567.89", attribute(page, "#fact-investmentInXiamenFen", "value"), "the typed value kept");
            assertEquals(key, attribute(page, "input[name=idempotencyKey]", "value"), "the same idempotency key");
            officer("applications").queryParam("applicant", uscc).get("/applications").then().statusCode(200)
                    .body("items.size()", equalTo(0)); // the refused form sent nothing

            WebElement number = page.findElement(By.id("fact-projectNumber"));
            number.clear();
            number.sendKeys(projectNumber);
            browser.screenshot("b3a-form-corrected");
            page.findElement(By.cssSelector("form.apply button[type=submit]")).click();

            wait.until(ExpectedConditions.urlMatches("/applicant/applications/[^/?]+$"));
            String url = page.getCurrentUrl();
            id = url.substring(url.lastIndexOf('/') + 1);
            browser.screenshot("application-submitted");
            assertTrue(page.findElement(By.tagName("h1")).getText().contains(id), "the application's own page");

            // eligibility decides asynchronously: the page read again until the decision is on it
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                page.navigate().refresh();
                assertEquals("APPROVED", attribute(page, "dd[data-outcome]", "data-outcome"));
            });
            browser.screenshot("application-decided");
            String decided = page.findElement(By.id("s-decision")).findElement(By.xpath("..")).getText();
            assertTrue(decided.contains("123,456.00"), "the amount on the page: " + decided);
            List<String> criteria = page.findElements(By.cssSelector("td[data-passed]")).stream()
                    .map(c -> c.getAttribute("data-passed")).distinct().toList();
            assertEquals(List.of("true"), criteria, "each criterion met");

            page.findElement(By.cssSelector("a[href='/applicant/applications']")).click();
            wait.until(ExpectedConditions.urlContains("/applicant/applications"));
            browser.screenshot("applicant-applications");
            WebElement row = page.findElement(By.cssSelector("a[href='/applicant/applications/" + id + "']"))
                    .findElement(By.xpath("ancestor::tr"));
            assertEquals("APPROVED", attribute(row, "td[data-outcome]", "data-outcome"));
            assertTrue(row.getText().contains("123,456.00"), row.getText());

            // payments pays it under its automatic approval: the application's page says so
            awaitPaid(id);
            page.get(portal + "/applicant/applications/" + id);
            assertEquals("PAID", attribute(page, "dd[data-status]", "data-status"));
            browser.screenshot("application-paid");

            // and its inbox (the portal's projection of the same events) has the decision and the payment, unread,
            // each linking the application; marked read, they stay
            page.get(portal + "/applicant/applications");
            page.findElement(By.id("inbox-link")).click();
            wait.until(ExpectedConditions.urlContains("/applicant/inbox"));
            String decisionRow = "tr[data-kind=DECIDED][data-entry$=':APPROVED']";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                page.navigate().refresh();
                assertEquals(List.of("DECIDED", "PAID"), page.findElements(By.cssSelector("#inbox tbody tr")).stream()
                        .filter(r -> !r.findElements(By.cssSelector("a[href='/applicant/applications/" + id + "']")).isEmpty())
                        .map(r -> r.getAttribute("data-kind")).sorted().toList());
            });
            browser.screenshot("inbox");
            WebElement decision = page.findElement(By.cssSelector(decisionRow));
            assertTrue(decision.getText().contains(id) && decision.getText().contains("123,456.00"), decision.getText());
            assertEquals("false", decision.getAttribute("data-read"));
            // htmx swaps the inbox's section in place: a mark set on the page before survives (a navigation would drop it)
            ((JavascriptExecutor) page).executeScript("window.inboxMark = 'kept';");
            page.findElement(By.cssSelector("#read-all-form button[type=submit]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector(decisionRow), "data-read", "true"));
            assertEquals("0", attribute(page, "#inbox-unread", "data-unread"));
            assertEquals("kept", ((JavascriptExecutor) page).executeScript("return window.inboxMark;"),
                    "marked read in place (htmx), not by a new page");
            browser.screenshot("inbox-read");
            browser.passed();
        }

        // what the pages said, as the services hold it: one application, the facts as typed, the decision
        officer("applications").queryParam("applicant", uscc).get("/applications").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(id));
        officer("applications").get("/applications/" + id).then().statusCode(200)
                .body("applicantUscc", equalTo(uscc)).body("measureCode", equalTo("B3a"))
                .body("facts.projectNumber", equalTo(projectNumber))
                .body("facts.resultSource", equalTo("NATIONAL_KEY_RD"))
                .body("facts.investmentInXiamenFen", equalTo(123_456_789));
        officer("eligibility").get("/decisions/" + id).then().statusCode(200).body("outcome", equalTo("APPROVED"))
                .body("amountFen", equalTo(12_345_600));
    }

    /**
     * Signs in on the development sign-in as this role and user (an officer's district, an applicant's USCC; null
     * leaves the field as it is), the filled form in a screenshot; the portal then sends the person to its page.
     */
    static void signIn(BrowserJourneys.Browser browser, String portal, String role, String user, String district,
                       String actingFor) {
        WebDriver page = browser.driver();
        page.get(portal + "/sign-in");
        page.findElement(By.cssSelector("input[name=role][value=" + role + "]")).click();
        page.findElement(By.id("user")).sendKeys(user);
        if (district != null) {
            new Select(page.findElement(By.id("district"))).selectByValue(district);
        }
        if (actingFor != null) {
            page.findElement(By.id("actingFor")).sendKeys(actingFor);
        }
        browser.screenshot("sign-in-" + user);
        page.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
    }

    static List<String> texts(WebDriver page, String css) {
        return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).map(String::trim).distinct().toList();
    }

    static String attribute(SearchContext in, String css, String attribute) {
        return in.findElement(By.cssSelector(css)).getAttribute(attribute);
    }
}
