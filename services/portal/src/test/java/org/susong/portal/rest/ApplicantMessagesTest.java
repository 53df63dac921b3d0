package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The applicant's record and appeal bundle as {@link RegistrarMessagesTest} checks the registrar's (which counts all three). */
class ApplicantMessagesTest {

    @Test
    void the_english_file_has_exactly_the_applicants_words() throws Exception {
        Properties english = new Properties();
        try (Reader in = new InputStreamReader(ApplicantMessagesTest.class.getResourceAsStream(
                "/messages/rec_en.properties"), StandardCharsets.UTF_8)) {
            english.load(in);
        }
        Set<String> words = Arrays.stream(ApplicantMsg.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(words, new TreeSet<>(english.stringPropertyNames()));
    }
}
