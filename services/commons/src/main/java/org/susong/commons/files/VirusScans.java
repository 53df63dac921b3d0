package org.susong.commons.files;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;

/** The scans available without a scanner: the default that accepts, and one that refuses the EICAR test file. */
@ApplicationScoped
public class VirusScans {

    /** {@code susong.files.virus-scan}. */
    public enum Mode { ACCEPT, REFUSE_TEST_MARKER }

    /**
     * The EICAR anti-virus test file's text (www.eicar.org): harmless, and refused by every real scanner, so a test
     * that uploads it behaves the same with a scanner connected.
     */
    public static final String TEST_MARKER = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** Accepts every file: no scanner is connected. */
    public static final VirusScan ACCEPT = (fileName, mediaType, content) -> VirusScan.Verdict.CLEAN;

    /** Refuses a file containing {@link #TEST_MARKER}, accepts every other. */
    public static final VirusScan REFUSE_TEST_MARKER = (fileName, mediaType, content) ->
            new String(content, StandardCharsets.ISO_8859_1).contains(TEST_MARKER)
                    ? VirusScan.Verdict.refused("the EICAR test signature was found") : VirusScan.Verdict.CLEAN;

    @Produces
    @DefaultBean
    @ApplicationScoped
    VirusScan scan(FilesConfig config) {
        return config.virusScan() == Mode.REFUSE_TEST_MARKER ? REFUSE_TEST_MARKER : ACCEPT;
    }
}
