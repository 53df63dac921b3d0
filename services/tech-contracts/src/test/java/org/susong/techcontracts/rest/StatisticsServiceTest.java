package org.susong.techcontracts.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.techcontracts.rest.Api.registrar;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.susong.testing.ContractYearGenerator;
import org.susong.testing.LocalInfraTestResource;

/**
 * Bulk registration and the technology-market statistics on the generated year of the 2023 size
 * (docs/policy.md: 8,025 contracts, 17.358 billion CNY, +29.34 % on 2022).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Order(Integer.MAX_VALUE)
class StatisticsServiceTest {

    static final RestAssuredConfig PATIENT = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 300_000));

    static final List<ContractYearGenerator.Row> YEAR_2023 = ContractYearGenerator.year2023();
    /** 2022 placeholder: 17.358 / 1.2934 ≈ 13.42 billion CNY, so that 2023 grows by the reported 29.34 %. */
    static final List<ContractYearGenerator.Row> YEAR_2022 = ContractYearGenerator.generate(200, 13_420_000_000L * 100,
            2022, 2022L, ContractYearGenerator.Basis.CONTRACT);

    @Test
    void the_generated_year_loads_once_and_its_statistics_reproduce_8025_contracts_and_17_358_billion() {
        String csv = ContractYearGenerator.csv(YEAR_2023, 0, YEAR_2023.size());
        long technical = YEAR_2023.stream().mapToLong(ContractYearGenerator.Row::technicalTransactionAmountFen).sum();

        registrar().config(PATIENT).contentType("text/csv").body(csv).post("/contracts/bulk").then().statusCode(200)
                .body("rows", equalTo(8_025)).body("registered", equalTo(8_025)).body("invalid", equalTo(0));
        registrar().contentType("application/x-ndjson").body(String.join("\n", YEAR_2022.stream()
                .map(ContractYearGenerator::jsonLine).toList()).getBytes(StandardCharsets.UTF_8)).post("/contracts/bulk").then().statusCode(200)
                .body("registered", equalTo(200));
        // a re-run imports nothing twice
        registrar().config(PATIENT).contentType("text/csv").body(csv).post("/contracts/bulk").then().statusCode(200)
                .body("registered", equalTo(0)).body("duplicates", equalTo(8_025));

        JsonPath stats = registrar().get("/statistics/contracts/2023").then().statusCode(200).extract().jsonPath();
        assertEquals(8_025, stats.getLong("total.count"));
        assertEquals(1_735_800_000_000L, stats.getLong("total.contractAmountFen"));
        assertEquals(technical, stats.getLong("total.technicalTransactionAmountFen"));
        assertEquals(200, stats.getLong("previousYear.count"));
        assertEquals(1_342_000_000_000L, stats.getLong("previousYear.contractAmountFen"));
        assertEquals("29.34", stats.getString("growth.contractAmountPercent"));
        // every breakdown adds up to the total
        for (String dimension : List.of("month", "type", "district", "foreign", "brics")) {
            List<Map<String, Object>> groups = stats.getList("by." + dimension);
            assertEquals(8_025L, groups.stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum(), dimension);
            assertEquals(1_735_800_000_000L, groups.stream()
                    .mapToLong(g -> ((Number) g.get("contractAmountFen")).longValue()).sum(), dimension);
        }
        assertEquals(12, stats.getList("by.month").size());
        assertEquals(5, stats.getList("by.type").size());
        assertEquals(6, stats.getList("by.district").size());
        long foreign = YEAR_2023.stream().filter(r -> !"CN".equals(r.sellerCountry()) || !"CN".equals(r.buyerCountry()))
                .count();
        assertEquals(foreign, ((Number) stats.getList("by.foreign", Map.class).stream()
                .filter(g -> Boolean.TRUE.equals(g.get("key"))).findFirst().orElseThrow().get("count")).longValue());

        String text = registrar().get("/statistics/contracts/2023/csv").then().statusCode(200).extract().asString();
        assertTrue(text.contains("2023,total,,8025,1735800000000," + technical + "\n"), text);
    }

    @Test
    void bad_rows_are_reported_with_their_field_and_the_good_ones_registered() {
        ContractYearGenerator.Row good = ContractYearGenerator.generate(1, 100_000L * 100, 2024, 99L,
                ContractYearGenerator.Basis.CONTRACT).get(0);
        String line = ContractYearGenerator.csvLine(good);
        String header = ContractYearGenerator.csvHeader();
        String body = header + "\n" + line + "\n"
                + line.replace("DEVELOPMENT,", "DONATION,").replace("SERVICE,", "DONATION,")
                        .replace("CONSULTING,", "DONATION,").replace("TRANSFER,", "DONATION,")
                        .replace("LICENSING,", "DONATION,") + "\n"
                + line.replace("," + good.contractAmountFen() + ",", ",-5,") + "\n"
                + line.replace("," + good.technicalTransactionAmountFen() + ",", "," + (good.contractAmountFen() + 1) + ",")
                + "\n"
                + line.replace(good.signingDate().toString(), "2099-01-01") + "\n"
                + line.replace(good.sellerUscc() == null ? "x" : good.sellerUscc(), "91350100M000100Y44") + "\n"
                + "\"too\",\"few\"\n";
        JsonPath report = registrar().contentType("text/csv").body(body).post("/contracts/bulk").then().statusCode(200)
                .body("registered", equalTo(1)).body("invalid", equalTo(6))
                .body("problems.line", hasItems(3, 4, 5, 6, 7, 8)).extract().jsonPath();
        assertEquals(List.of("type", "contractAmountFen", "technicalTransactionAmountFen", "signingDate", "sellerUscc"),
                report.getList("problems.field").subList(0, 5));
        // not a registrar: nothing at all
        Api.applicantFor(good.sellerUscc()).contentType("text/csv").body(body).post("/contracts/bulk").then()
                .statusCode(403);
    }
}
