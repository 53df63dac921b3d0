package org.susong.e2e;

import java.util.List;
import java.util.function.UnaryOperator;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;

/**
 * The one way an end-to-end class starts its platform (issue 21 item 4): the launcher's options for the given services
 * on free ports in a fresh state directory ({@link PlatformIT#options}), whatever the class sets before the start (a
 * business date, the services' environment), start, seed, and {@link PlatformIT}'s journey helpers and audit pointed
 * at it. Each class still starts its own platform: their configurations differ (OpenTelemetry on, two replicas, a
 * business date in December 2025), and a journey of one class must not change the figures another reads.
 */
final class E2ePlatforms {

    private E2ePlatforms() {
    }

    /** One replica of each service. */
    static PlatformProcesses startSeeded(String stateDirectoryPrefix, UnaryOperator<PlatformProcesses> configure)
            throws Exception {
        return startSeeded(stateDirectoryPrefix,
                ServiceSpec.ALL.stream().map(s -> s.onPort(PlatformProcesses.freePort())).toList(), configure);
    }

    static PlatformProcesses startSeeded(String stateDirectoryPrefix, List<ServiceSpec> services,
            UnaryOperator<PlatformProcesses> configure) throws Exception {
        PlatformProcesses.Options options = PlatformIT.options(stateDirectoryPrefix, services);
        PlatformProcesses platform = configure.apply(new PlatformProcesses(options, System.out::println));
        platform.start();
        platform.seed();
        PlatformIT.pointAt(platform, options);
        System.out.println("ready after: " + platform.readyMillis() + " ms; logs in " + options.logs());
        return platform;
    }

    /** The port of {@code service} among the platform's {@code services}. */
    static int port(List<ServiceSpec> services, String service) {
        return services.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().port();
    }

    /** Stops a class's platform, if it started one. */
    static void stop(PlatformProcesses platform) {
        if (platform != null) {
            platform.close();
        }
    }
}
