package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.applications.rest.ApplicantResource;

/** Issue 23 item 11: a record that carries a full bank account number prints it masked (logs, exceptions, dead letters). */
class AccountNumberMaskingTest {

    static final String NUMBER = "35150198010100001234";
    static final Instant AT = Instant.parse("2026-06-15T02:00:00Z");

    @Test
    void records_with_an_account_number_show_only_its_last_four_digits_in_to_string() {
        BankAccount account = new BankAccount("Xiamen Co.", NUMBER, "105393000015", "CCB", AT);
        PayeeSnapshot snapshot = new PayeeSnapshot("D-1", "Xiamen Co.", NUMBER, "105393000015", "CCB", AT);
        for (Object record : List.of(account, snapshot,
                new AccountChange("C-1", account, "officer-1", "officer-1", AT, null, null, null),
                new ApplicationEvent.PayeeSnapshotted("APP-1", "91350200MA31G8Q17K", snapshot),
                new ApplicantResource.BankAccountRequest("Xiamen Co.", NUMBER, "105393000015", "CCB"))) {
            String text = record.toString();
            assertFalse(text.contains(NUMBER.substring(0, NUMBER.length() - 4)), text);
            assertTrue(text.contains("1234"), "the last four stay to tell accounts apart: " + text);
        }
    }
}
