package org.susong.infra.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * A process the launcher starts from a module's Quarkus fast-jar runner and supervises: a service's replica
 * ({@link ServiceSpec}: broker principal, store, health on its management port) or a web process beside the services
 * ({@link WebSpec}: none of those, it reaches the services through their REST APIs only).
 */
public sealed interface ProcessSpec permits ServiceSpec, WebSpec {

    /** The name of its process: log, pid file, {@code ./platform pause}. */
    String process();

    /** Its Quarkus fast-jar runner, under the project root. */
    Path runner(Path root);

    /** Where it answers {@code {"status":"UP"}} once it is ready. */
    URI readiness();

    /** The fast-jar runner of the module {@code services/<module>}, as its package step writes it. */
    static Path quarkusRunner(Path root, String module) {
        return root.resolve("services").resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
