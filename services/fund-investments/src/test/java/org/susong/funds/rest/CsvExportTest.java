package org.susong.funds.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.auditor;
import static org.susong.funds.rest.FundInvestmentsServiceTest.investment;
import static org.susong.funds.rest.FundInvestmentsServiceTest.manager;
import static org.susong.funds.rest.FundInvestmentsServiceTest.uscc;
import static org.susong.funds.rest.FundInvestmentsServiceTest.with;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.funds.domain.Stage;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 item 12 (abuse case, fund figures): text a user typed (an investment's round and field)
 * reaches the CSV exports; a cell starting with =, +, - or @ would run as a formula
 * in a spreadsheet (CSV injection). Every such cell is neutralised with a leading apostrophe.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class CsvExportTest {

    /** A cell (after an optional RFC 4180 quote) that a spreadsheet would evaluate. */
    static final Pattern FORMULA = Pattern.compile("(?m)(^|,)\"?[=+\\-@\\t\\r]");

    static void assertNoFormula(String csv) {
        assertFalse(FORMULA.matcher(csv).find(), csv);
    }

    @Test
    void user_text_in_the_fund_figures_csv_exports_is_never_a_formula() {
        String enterprise = uscc(7_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        manager().body(with(with(investment(enterprise, 1_000_000, "1", Stage.START_UP), "round",
                        "=HYPERLINK(\"https://evil.example\",\"open\")"), "field", "@SUM(1+1)"))
                .post("/funds/FUND-VENTURE/investments").then().statusCode(201);
        String portfolio = auditor().accept("text/csv").get("/figures/portfolios/" + enterprise).then().statusCode(200)
                .extract().asString();
        assertNoFormula(portfolio);
        assertTrue(portfolio.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\""), portfolio);
        assertTrue(portfolio.contains(",'@sum(1+1),"), portfolio);
        String investments = auditor().accept("text/csv").get("/figures/investments").then().statusCode(200).extract()
                .asString();
        assertNoFormula(investments);
        assertTrue(investments.contains("field,'@sum(1+1),"), investments);
    }
}
