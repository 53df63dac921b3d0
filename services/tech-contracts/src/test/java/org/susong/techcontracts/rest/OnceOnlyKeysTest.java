package org.susong.techcontracts.rest;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 item 8: the once-only keys of a contract (its duplicate key: parties, signing date,
 * amounts; an imported registration number) cannot be dodged by writing the same party or number
 * another way. USCCs and numbers are refused unless canonical (ASCII shape; case and surrounding
 * spaces aside); a foreign party's name is compared after Unicode NFKC, dashes, spaces and
 * invisible characters folded, and case.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class OnceOnlyKeysTest {

    static Map<String, Object> export(String seller, String buyerName, long amount) {
        return Api.with(Api.contract(seller, null), "buyerUscc", null, "buyerName", buyerName, "buyerCountry", "DE",
                "contractAmountFen", amount, "technicalTransactionAmountFen", amount);
    }

    @Test
    void a_foreign_party_written_another_way_is_the_same_contract() {
        String seller = Api.uscc("KY", 1);
        Api.registrar().body(export(seller, "Acme Labs GmbH", 90_000_001L)).post("/contracts").then().statusCode(201);
        // full-width letters and an ideographic space (NFKC), a hyphen, a zero-width space, other case
        for (String same : new String[] {"ＡＣＭＥ　Ｌａｂｓ　ＧｍｂＨ", "Acme-Labs GmbH", "acme\u200B labs  gmbh"}) {
            Api.registrar().body(export(seller, same, 90_000_001L)).post("/contracts").then().statusCode(409)
                    .body("existingContract", org.hamcrest.Matchers.startsWith("/contracts/TC-"));
        }
    }

    @Test
    void a_uscc_or_a_number_written_another_way_is_refused_or_the_same() {
        String seller = Api.uscc("KY", 2);
        String buyer = Api.uscc("KY", 3);
        Map<String, Object> body = Api.with(Api.contract(seller, buyer), "contractAmountFen", 90_000_002L,
                "technicalTransactionAmountFen", 90_000_002L);
        Api.registrar().body(body).post("/contracts").then().statusCode(201);
        // lower case and surrounding spaces: the same USCC, so the same contract
        Api.registrar().body(Api.with(body, "sellerUscc", " " + seller.toLowerCase() + " ")).post("/contracts").then()
                .statusCode(409);
        // spaces or hyphens inside, full-width characters: refused, never a second key
        String fullWidth = seller.chars().mapToObj(c -> String.valueOf((char) (c < 0x80 ? c + 0xFEE0 : c)))
                .reduce("", String::concat);
        for (String other : new String[] {seller.substring(0, 8) + "-" + seller.substring(8),
                seller.substring(0, 9) + " " + seller.substring(9), fullWidth}) {
            Api.registrar().body(Api.with(body, "sellerUscc", other)).post("/contracts").then().statusCode(400)
                    .body("field", equalTo("sellerUscc"));
        }
        int last = Api.today().getYear() - 1;
        Map<String, Object> imported = Api.with(body, "signingDate", last + "-03-01", "registeredOn", last + "-04-01",
                "contractAmountFen", 90_000_003L, "technicalTransactionAmountFen", 90_000_003L);
        String number = last + "440100090003";
        Api.registrar().body(Api.with(imported, "registrationNumber", number)).post("/contracts/imports").then()
                .statusCode(201);
        String fullWidthNumber = number.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0)))
                .reduce("", String::concat);
        for (String other : new String[] {last + "-4401-0009-0003", last + " 4401 00090003", fullWidthNumber}) {
            Api.registrar().body(Api.with(imported, "registrationNumber", other, "contractAmountFen", 90_000_004L,
                    "technicalTransactionAmountFen", 90_000_004L)).post("/contracts/imports").then().statusCode(400)
                    .body("field", equalTo("registrationNumber"));
        }
    }
}
