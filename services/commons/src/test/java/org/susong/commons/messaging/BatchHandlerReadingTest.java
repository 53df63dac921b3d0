package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EventConsumer.BatchHandler#reading}: an event that cannot be read is refused alone, the others are applied in
 * their order with one call, whose own refusals are answered beside the unreadable ones.
 */
class BatchHandlerReadingTest {

    static InboundEvent event(String id, String json) throws Exception {
        return new InboundEvent(id, "susong.test.Thing.v1", "test", id, Instant.EPOCH, Map.of(), json, "hash-" + id,
                new ObjectMapper().readTree(json));
    }

    @Test
    void an_unreadable_event_is_refused_alone_and_the_rest_applied_in_one_call_in_order() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        RuntimeException taken = new PermanentFailure("thing c is taken");
        EventConsumer.BatchHandler handler = EventConsumer.BatchHandler.reading(e -> e.text("thing"), things -> {
            calls.add(things);
            return Map.of("c", taken);
        });

        Map<String, RuntimeException> refused = handler.handle(List.of(event("a", "{\"thing\":\"A\"}"),
                event("b", "{}"), event("c", "{\"thing\":\"C\"}")));

        assertEquals(List.of(List.of("A", "C")), calls, "one call, the readable events in their order");
        assertEquals(2, refused.size());
        assertEquals("susong.test.Thing.v1 b has no 'thing'", refused.get("b").getMessage());
        assertSame(taken, refused.get("c"));
    }
}
