package org.susong.portal.rest;

import org.junit.jupiter.api.Test;

/** The applicant's record and appeal bundle as {@link RegistrarMessagesTest} checks the registrar's (which counts all three). */
class ApplicantMessagesTest {

    @Test
    void the_english_file_has_exactly_the_applicants_words() throws Exception {
        RegistrarMessagesTest.assertEnglishHasExactly(ApplicantMsg.class, "/messages/rec_en.properties");
    }
}
