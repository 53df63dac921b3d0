package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.AttachmentKind;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.AttachmentFiles;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.StoredFile;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * An application's files (issue 20 item 7): kept in the service's GridFS bucket (commons FileStore: type, size,
 * content and virus checks, SHA-256) under the application's access rules - uploaded by whoever may act on the
 * application (its district's officer, the applicant itself), read by whoever may see it (also auditors and admins);
 * another district's or USCC's application answers 404 as an unknown one. Each upload and each deletion at the end of
 * the retention is a fact on the application's timeline (informing, no status), written as every change is: one
 * guarded write of the application.
 */
@ApplicationScoped
public class AttachmentService {

    private static final String SYSTEM = Principal.system().asActor();
    /** Guarded writes tried before a timeline fact gives up (another writer changed the application each time). */
    private static final int ATTEMPTS = 5;
    /** Files one retention sweep deletes at most; the next sweep goes on. */
    static final int SWEEP_BATCH = 100;

    private final FileStore files;
    private final ApplicationRepository applications;
    private final LifecycleService lifecycle;
    private final Clock clock;

    AttachmentService(AttachmentFiles files, ApplicationRepository applications, LifecycleService lifecycle, Clock clock) {
        this.files = files.store();
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Checks and keeps a file, then records it on the timeline; a file whose timeline fact cannot be written is deleted
     * again (409), so no file is kept that the timeline does not show.
     */
    public StoredFile upload(Principal principal, String id, String fileName, AttachmentKind kind, String contentType,
                             InputStream body) {
        lifecycle.actedOn(principal, id);
        StoredFile stored = files.store(new FileStore.Upload(id, fileName, kind.name(), contentType, principal.asActor()),
                body, clock.instant());
        try {
            record(id, "attachment:" + stored.id(), "ATTACHMENT_UPLOADED", stored.uploadedAt(), principal.asActor(),
                    kind + " " + stored.fileName() + " (" + stored.contentType() + ", " + stored.sizeBytes()
                            + " bytes, SHA-256 " + stored.sha256() + ") uploaded");
        } catch (RuntimeException e) {
            files.delete(stored.id());
            throw e;
        }
        return stored;
    }

    public Page<StoredFile> list(Principal principal, String id, String cursor, int limit) {
        lifecycle.visible(principal, id);
        return files.list(id, cursor, limit);
    }

    /** The file and its content, checked against its SHA-256 (a damaged file is not served: 500). */
    public FileStore.Download download(Principal principal, String id, String fileId) {
        lifecycle.visible(principal, id);
        return files.open(id, fileId).orElseThrow(() -> ProblemException.notFound("attachment", fileId));
    }

    /**
     * Deletes the files whose retention ended before {@code now} (at most {@link #SWEEP_BATCH}), each after its
     * deletion is on its application's timeline; a file whose fact cannot be written now is left to the next sweep.
     *
     * @return the files deleted
     */
    public int deleteExpired(Instant now) {
        return files.deleteExpired(now, SWEEP_BATCH, file -> {
            if (applications.find(file.owner()).isPresent()) {
                record(file.owner(), "attachment-deleted:" + file.id(), "ATTACHMENT_DELETED", now, SYSTEM,
                        file.kind() + " " + file.fileName() + " (SHA-256 " + file.sha256() + ") deleted: its retention"
                                + " ended " + file.retainUntil());
            }
            return true;
        });
    }

    /** One informing fact, written under the application's version; re-read and tried again when another write won. */
    private void record(String id, String eventId, String kind, Instant at, String actor, String detail) {
        for (int attempt = 1; ; attempt++) {
            ApplicationRepository.Versioned found = applications.find(id)
                    .orElseThrow(() -> ProblemException.notFound("application", id));
            Application current = found.application();
            Application next = current.record(new Fact(eventId, kind, null, at, actor, detail, current.round(), null));
            if (next == current) {
                return;
            }
            try {
                lifecycle.persist(found, new Application.Transition(next, List.of()), actor, eventId);
                return;
            } catch (OutboxFullException e) {
                throw e;
            } catch (TransientFailure e) {
                if (attempt >= ATTEMPTS) {
                    throw ProblemException.conflict("application " + id + " changed while this request was served; try"
                            + " again").with("currentStatus", current.status().name());
                }
            }
        }
    }
}
