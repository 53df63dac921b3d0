package org.susong.applications.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Deletes attachments past their retention ({@code susong.files.retention} after upload), every
 * {@code susong.files.sweep-every}, on every replica (a file deleted twice is no error). The store has no TTL
 * (toolchain: mongo-java-server never expires documents), so the service sweeps.
 */
@ApplicationScoped
public class AttachmentRetention {

    private final AttachmentService attachments;
    private final Clock clock;

    public AttachmentRetention(AttachmentService attachments, Clock clock) {
        this.attachments = attachments;
        this.clock = clock;
    }

    @Scheduled(every = "${susong.files.sweep-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        attachments.deleteExpired(clock.instant());
    }
}
