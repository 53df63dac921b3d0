package org.susong.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of this module's tests of the local broker and store (issue 21): {@link LocalInfra} started on free
 * ports in a temporary folder before the class's first test, closed and its folder deleted after the last. Use it as
 * {@code @RegisterExtension static final RunningInfra infra = new RunningInfra("prefix");}.
 */
final class RunningInfra implements BeforeAllCallback, AfterAllCallback {

    private final String folderPrefix;
    private LocalInfra infra;
    private Path data;

    RunningInfra(String folderPrefix) {
        this.folderPrefix = folderPrefix;
    }

    InfraSettings settings() {
        return infra.settings();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory(folderPrefix);
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), false)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        infra.close();
        Folders.deleteQuietly(data);
    }
}
