package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.payments.application.IntakeService;
import org.susong.payments.persistence.PayeeRepository;
import org.susong.payments.rest.PaymentResource;

/** Issue 23 item 11: a record that carries a full bank account number prints it masked (logs, exceptions, dead letters). */
class PayeeTest {

    static final String NUMBER = "6222020200112233445";

    @Test
    void records_with_an_account_number_show_only_its_last_four_digits_in_to_string() {
        Payee payee = new Payee("Xiamen Co.", NUMBER, "102393000019", "ICBC", Instant.parse("2026-06-15T02:00:01Z"));
        for (Object record : List.of(payee,
                new IntakeService.PayeeSnapshot("e-1", "h", "D-1", "APP-1", "91350100M000100Y43", payee),
                new PayeeRepository.StoredPayee("D-1", "APP-1", "91350100M000100Y43", payee, "e-1", "h"),
                new PaymentResource.PayeeView("Xiamen Co.", NUMBER, "102393000019", "ICBC", payee.snapshottedAt()))) {
            String text = record.toString();
            assertFalse(text.contains(NUMBER.substring(0, NUMBER.length() - 4)), text);
            assertTrue(text.contains("3445"), "the last four stay to tell accounts apart: " + text);
        }
    }
}
