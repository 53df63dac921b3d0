package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 11: an event larger than the broker accepts is refused when it is written, as a
 * permanent failure naming its size, not accepted into the outbox where the relay would retry it forever.
 */
class OutboxSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_event_over_the_broker_limit_is_refused_at_write() {
        NewEvent huge = NewEvent.of("susong.test.Huge.v1", "s-1", Map.of("text", "x".repeat(1_100_000))).build();
        Outbox.EventTooLarge refused = assertThrows(Outbox.EventTooLarge.class,
                () -> Outbox.entries(JSON, 0, List.of(huge), Instant.now()));
        assertTrue(refused.getMessage().contains("susong.test.Huge.v1"), refused.getMessage());
        assertTrue(refused instanceof PermanentFailure, "a consumer's handler dead-letters it instead of retrying");
    }

    @Test
    void an_event_within_the_limit_is_written() {
        NewEvent fits = NewEvent.of("susong.test.Fits.v1", "s-1", Map.of("text", "x".repeat(500_000))).build();
        assertEquals(1, Outbox.entries(JSON, 0, List.of(fits), Instant.now()).size());
    }
}
