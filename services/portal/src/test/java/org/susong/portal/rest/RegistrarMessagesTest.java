package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The registrar's bundle as {@link MessagesTest} checks {@code Msg}: every Chinese word has its English one and the
 * English file no other; and each bundle stays within the 300 messages Quarkus 3.33's Qute can generate
 * (quarkusio/quarkus#55584: a 301st fails the start with a VerifyError).
 */
class RegistrarMessagesTest {

    @Test
    void the_english_file_has_exactly_the_registrars_words() throws Exception {
        assertEnglishHasExactly(RegistrarMsg.class, "/messages/reg_en.properties");
    }

    /** The English file {@code resource} names exactly the words (methods) of {@code bundle}. */
    static void assertEnglishHasExactly(Class<?> bundle, String resource) throws Exception {
        Properties english = new Properties();
        try (Reader in = new InputStreamReader(RegistrarMessagesTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            english.load(in);
        }
        Set<String> words = Arrays.stream(bundle.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(words, new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void the_english_file_has_exactly_the_change_pages_words() throws Exception {
        assertEnglishHasExactly(ChangeMsg.class, "/messages/chg_en.properties");
    }

    @Test
    void the_english_file_has_exactly_the_actions_words() throws Exception {
        assertEnglishHasExactly(ActionMsg.class, "/messages/act_en.properties");
    }

    @Test
    void no_bundle_has_more_than_300_words() {
        assertTrue(Msg.class.getDeclaredMethods().length <= 300, "Msg has " + Msg.class.getDeclaredMethods().length);
        assertTrue(RegistrarMsg.class.getDeclaredMethods().length <= 300);
        assertTrue(ApplicantMsg.class.getDeclaredMethods().length <= 300);
        assertTrue(ChangeMsg.class.getDeclaredMethods().length <= 300);
        assertTrue(ActionMsg.class.getDeclaredMethods().length <= 300);
    }
}
