package org.susong.commons.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;

/** Issue 24: the shared pieces of every list - limit, cursor, filters read the same way, unknown parameters named. */
class ListingTest {

    @Test
    void the_limit_defaults_to_50_and_is_1_to_200() {
        assertEquals(50, ListParams.limit(null));
        assertEquals(200, ListParams.limit(200));
        assertEquals("limit", assertThrows(ProblemException.class, () -> ListParams.limit(201)).field());
        assertEquals("limit", assertThrows(ProblemException.class, () -> ListParams.limit(0)).field());
    }

    @Test
    void filters_are_read_in_any_case_and_a_wrong_one_is_named() {
        assertEquals(Optional.of(District.HULI), ListParams.district("district", "huli"));
        assertEquals(Optional.empty(), ListParams.district("district", " "));
        ProblemException unknown = assertThrows(ProblemException.class, () -> ListParams.district("district", "Atlantis"));
        assertEquals(400, unknown.status());
        assertEquals("district", unknown.field());
        assertEquals(Optional.of(Thread.State.RUNNABLE), ListParams.oneOf("state", "runnable", Thread.State.class));
        assertEquals("state", assertThrows(ProblemException.class,
                () -> ListParams.oneOf("state", "sleepy", Thread.State.class)).field());
        assertEquals(Optional.of(LocalDate.of(2026, 6, 15)), ListParams.date("from", "2026-06-15"));
        assertEquals("to", assertThrows(ProblemException.class, () -> ListParams.date("to", "15/06/2026")).field());
        assertEquals("from", assertThrows(ProblemException.class, () -> ListParams.checkRange(
                Optional.of(LocalDate.of(2026, 6, 2)), Optional.of(LocalDate.of(2026, 6, 1)))).field());
    }

    @Test
    void a_list_in_memory_pages_by_the_last_key() {
        List<String> all = List.of("A1", "B1", "B2", "C1", "D3");
        Page<String> first = Page.of(all, s -> s, null, 2);
        assertEquals(List.of("A1", "B1"), first.items());
        assertEquals(2, first.limit());
        Page<String> second = Page.of(all, s -> s, first.nextCursor(), 2);
        assertEquals(List.of("B2", "C1"), second.items());
        Page<String> last = Page.of(all, s -> s, second.nextCursor(), 2);
        assertEquals(List.of("D3"), last.items());
        assertNull(last.nextCursor());
        assertEquals(List.of(), Page.of(all, s -> s, Cursors.encode("ZZ"), 2).items());
        assertEquals("cursor", assertThrows(ProblemException.class, () -> Page.of(all, s -> s, "%%%", 2)).field());
    }

    @Test
    void a_fetched_page_keeps_the_limit_and_takes_the_cursor_of_its_last_item() {
        Page<Integer> page = Page.ofFetched(List.of(1, 2, 3), 2, String::valueOf);
        assertEquals(List.of(1, 2), page.items());
        assertEquals("2", page.nextCursor());
        assertNull(Page.ofFetched(List.of(1, 2), 2, String::valueOf).nextCursor());
    }

    @SuppressWarnings("unused")
    static void operation(@QueryParam("district") String district, @QueryParam("limit") Integer limit, String body) {
    }

    @Test
    void an_operation_declares_the_query_parameters_it_takes() throws Exception {
        Method m = ListingTest.class.getDeclaredMethod("operation", String.class, Integer.class, String.class);
        assertEquals(Set.of("district", "limit"), KnownQueryParameters.names(m));
    }
}
