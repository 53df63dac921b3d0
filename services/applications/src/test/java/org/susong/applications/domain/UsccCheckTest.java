package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;

/** GB 32100-2015 check characters as the registry applies them. */
class UsccCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");

    /** Codes printed on published business licences (Huawei, Tencent, ...) and this project's samples. */
    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "91440300708461136T", "91330100716105852F", "9144030071526726XG",
            "91110000600037341L", "91350200MA31G8Q17K", "91350100M000100Y43"})
    void valid_codes_register_without_an_override(String code) {
        Uscc uscc = Uscc.parse(code);
        assertTrue(uscc.checkCharacterValid());
        Applicant applicant = Applicant.register(uscc, "Co", ApplicantType.ENTERPRISE, District.HULI, null, false, "u", T0);
        assertEquals(null, applicant.checkOverride());
    }

    /** The last character changed: the check names the character the standard expects. */
    @ParameterizedTest
    @CsvSource({"914403001922038217,6", "91440300708461136X,T", "91350100M000100Y44,3", "911100001000013370,T",
            "91350200MA31G8Q170,K"})
    void a_wrong_check_character_is_answered_with_the_expected_one(String code, char expected) {
        Uscc uscc = Uscc.parse(code);
        assertFalse(uscc.checkCharacterValid());
        UsccOverride.UsccCheckFailed failed = assertThrows(UsccOverride.UsccCheckFailed.class, () -> Applicant.register(uscc,
                "Co", ApplicantType.ENTERPRISE, District.HULI, null, true, "officer", T0));
        assertEquals(expected, failed.expected());
        assertEquals("uscc", failed.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y4I", "91350100O000100Y43", "9135010OM00010OY4S"})
    void codes_of_the_wrong_shape_are_not_codes(String code) {
        assertTrue(Uscc.shapeProblem(code).isPresent());
    }
}
