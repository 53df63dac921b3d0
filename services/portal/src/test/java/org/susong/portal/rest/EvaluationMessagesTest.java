package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The evaluation's bundle as {@link RegistrarMessagesTest} checks the registrar's. */
class EvaluationMessagesTest {

    @Test
    void the_english_file_has_exactly_the_evaluations_words() throws Exception {
        RegistrarMessagesTest.assertEnglishHasExactly(EvaluationMsg.class, "/messages/eval_en.properties");
    }

    @Test
    void the_bundle_has_at_most_300_words() {
        assertTrue(EvaluationMsg.class.getDeclaredMethods().length <= 300);
    }
}
