package org.susong.commons.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 24: one district type, read in any case (query, header, JSON), answered as its code. */
class DistrictTest {

    record Body(District district) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_form_of_a_district_is_read_as_it() {
        for (String form : new String[] {"HULI", "Huli", "huli", " hUlI ", "湖里区", "湖里"}) {
            assertEquals(Optional.of(District.HULI), District.parse(form), form);
        }
        for (String form : new String[] {"Tong'an", "TONGAN", "tongan", "Tong’an", "同安区"}) {
            assertEquals(Optional.of(District.TONGAN), District.parse(form), form);
        }
        assertEquals(Optional.empty(), District.parse("Gulangyu"));
        assertEquals(Optional.empty(), District.parse(null));
    }

    @Test
    void json_bodies_read_any_case_and_write_the_code() throws Exception {
        assertEquals(District.XIANGAN, JSON.readValue("{\"district\":\"xiang'an\"}", Body.class).district());
        assertEquals(District.SIMING, JSON.readValue("{\"district\":\"思明区\"}", Body.class).district());
        assertEquals("{\"district\":\"HAICANG\"}", JSON.writeValueAsString(new Body(District.HAICANG)));
    }

    @Test
    void an_unknown_district_in_a_body_fails_naming_the_field() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> JSON.readValue("{\"district\":\"Gulangyu\"}", Body.class));
        assertEquals("district", e.getPath().get(0).getFieldName());
    }

    @Test
    void stored_forms_include_the_code_and_the_older_names() {
        assertTrue(District.TONGAN.storedForms().containsAll(java.util.List.of("TONGAN", "Tong'an", "同安区")));
    }
}
