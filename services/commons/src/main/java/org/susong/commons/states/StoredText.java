package org.susong.commons.states;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose constants are kept as a text in a store or an event payload (issue 21 item 2: states are types, the
 * texts stay byte-identical). The enum names the text of each constant once, and {@link #of} reads it back, so no
 * service writes its own "enum by stored text" lookup.
 */
public interface StoredText {

    /** The text this constant is stored and published as (by default its name). */
    default String stored() {
        return ((Enum<?>) this).name();
    }

    /**
     * The constant of {@code type} stored as {@code text}; none (null) stays none.
     *
     * @throws IllegalArgumentException naming the text and the texts known, for a text no constant is stored as
     */
    static <E extends Enum<E> & StoredText> E of(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        return find(type, text).orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName()
                + " '" + text + "'; known: " + Arrays.stream(type.getEnumConstants()).map(StoredText::stored).toList()));
    }

    /** The constant of {@code type} stored as {@code text}; empty for null or a text no constant is stored as. */
    static <E extends Enum<E> & StoredText> Optional<E> find(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.stored().equals(text)).findFirst();
    }

    /** The text of {@code value}; none (null) stays none. */
    static String text(StoredText value) {
        return value == null ? null : value.stored();
    }
}
