package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional text field read by eligibility's, payments' and fund-investments' consumers (issue 21 item 7). */
class InboundEventTest {

    private static InboundEvent event(String body) throws Exception {
        return new InboundEvent("e-1", "susong.test.Tested.v1", "test", "s-1", Instant.parse("2026-06-15T02:00:00Z"),
                Map.of(), body, "h", new ObjectMapper().readTree(body));
    }

    @Test
    void optional_text_is_null_when_missing_null_or_blank_and_refuses_a_value_that_is_not_text() throws Exception {
        InboundEvent e = event("{\"fundCode\":\"XM-ANGEL-1\",\"fallback\":null,\"bankName\":\"  \",\"amountFen\":5,"
                + "\"terms\":{\"a\":1}}");
        assertEquals("XM-ANGEL-1", e.optionalText("fundCode"));
        assertNull(e.optionalText("supersedes"));
        assertNull(e.optionalText("fallback"));
        assertNull(e.optionalText("bankName"));
        assertThrows(PermanentFailure.class, () -> e.optionalText("amountFen"));
        assertThrows(PermanentFailure.class, () -> e.optionalText("terms"));
    }
}
