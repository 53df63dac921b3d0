package org.susong.commons.files;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Stored files (issue 20 item 7): applications' attachments and tech-contracts' contract files, the same keys in both
 * services. A service also lets its upload path take a body this large ({@code quarkus.http.limits.max-body-size},
 * {@code susong.http.large-body-paths}, commons {@code BodyTooLarge}).
 */
@ConfigMapping(prefix = "susong.files")
public interface FilesConfig {

    /** Largest file accepted (413 above it). */
    @WithDefault("10M")
    MemorySize maxSize();

    /** Content types accepted (415 for another); the content must also start as its type does (422 otherwise). */
    @WithDefault("application/pdf,image/png,image/jpeg")
    List<String> contentTypes();

    /** How long a file is kept after its upload; the retention sweep deletes it then. Placeholder: no source gives a period. */
    @WithDefault("P3653D")
    Duration retention();

    /** Interval of the retention sweep. */
    @WithDefault("1h")
    String sweepEvery();

    /** The virus scan: {@code ACCEPT} (no scanner connected) or {@code REFUSE_TEST_MARKER} (tests and local runs). */
    @WithDefault("ACCEPT")
    VirusScans.Mode virusScan();

    /** The limits of an upload, from these keys. */
    default FileLimits limits() {
        return new FileLimits(maxSize().asLongValue(), contentTypes());
    }
}
