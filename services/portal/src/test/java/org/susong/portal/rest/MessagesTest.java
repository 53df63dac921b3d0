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

/** Every word of the Chinese bundle has its English one, and the English file has no word the bundle lacks. */
class MessagesTest {

    @Test
    void the_english_file_has_exactly_the_bundles_words() throws Exception {
        Properties english = new Properties();
        try (Reader in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/messages/msg_en.properties"),
                StandardCharsets.UTF_8)) {
            english.load(in);
        }
        Set<String> words = Arrays.stream(Msg.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(words, new TreeSet<>(english.stringPropertyNames()));
    }
}
