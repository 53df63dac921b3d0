package org.susong.commons.files;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an upload may be: at most {@code maxBytes}, one of {@code contentTypes}, and its first bytes those of the type
 * it declares (a file named .pdf that is not a PDF is refused, not kept).
 */
public record FileLimits(long maxBytes, List<String> contentTypes) {

    /** The first bytes of the types whose content can be recognised. */
    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});

    public FileLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest file must be positive: " + maxBytes);
        }
        contentTypes = contentTypes.stream().map(FileLimits::mediaType).toList();
    }

    /** The declared type without parameters, lower case: {@code Application/PDF; name=x} is {@code application/pdf}. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(String mediaType) {
        return contentTypes.contains(mediaType);
    }

    /** Empty when the content starts as {@code mediaType} does (or the type has no known signature), else why not. */
    public static Optional<String> contentMismatch(String mediaType, byte[] content) {
        byte[] signature = SIGNATURES.get(mediaType);
        if (signature == null) {
            return Optional.empty();
        }
        if (content.length < signature.length) {
            return Optional.of("the content is too short to be " + mediaType);
        }
        for (int i = 0; i < signature.length; i++) {
            if (content[i] != signature[i]) {
                return Optional.of("the content is not " + mediaType + " (its first bytes are not those of that type)");
            }
        }
        return Optional.empty();
    }
}
