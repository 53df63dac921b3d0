package org.susong.portal.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Xiamen's six districts as the services answer them (their code, e.g. {@code HULI}). The portal keeps its own copy:
 * it knows the services only through their public APIs, where the code is the contract.
 */
public enum District {
    SIMING, HULI, JIMEI, HAICANG, TONGAN, XIANGAN;

    /** The code the services answer and read: the enum name. */
    public String code() {
        return name();
    }

    /** The code as sent ({@code X-District}, {@code ?district=}); any case is read. */
    public static Optional<District> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(key)).findFirst();
    }
}
