package org.susong.techcontracts.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.StoredFile;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.persistence.ContractFiles;

/**
 * A contract's files (issue 20 item 7): the signed contract and what the registry keeps with it, in the service's
 * GridFS bucket with commons FileStore - the same checks, SHA-256 and retention as applications' attachments. Who:
 * registrars and admins for every contract, an applicant for a contract its enterprise is a party to (seller or
 * buyer); another applicant's contract answers 404 as an unknown one.
 */
@ApplicationScoped
public class ContractFileService {

    /** The kind every file here is. */
    public static final String KIND = "CONTRACT";
    /** Files one retention sweep deletes at most; the next sweep goes on. */
    static final int SWEEP_BATCH = 100;

    private final FileStore files;
    private final ContractService contracts;
    private final Clock clock;

    public ContractFileService(ContractFiles files, ContractService contracts, Clock clock) {
        this.files = files.store();
        this.contracts = contracts;
        this.clock = clock;
    }

    public StoredFile upload(Principal principal, String contractId, String fileName, String contentType, InputStream body) {
        reachable(principal, contractId);
        return files.store(new FileStore.Upload(contractId, fileName, KIND, contentType, principal.asActor()), body,
                clock.instant());
    }

    public Page<StoredFile> list(Principal principal, String contractId, String cursor, int limit) {
        reachable(principal, contractId);
        return files.list(contractId, cursor, limit);
    }

    /** The file and its content, checked against its SHA-256 (a damaged file is not served: 500). */
    public FileStore.Download download(Principal principal, String contractId, String fileId) {
        reachable(principal, contractId);
        return files.open(contractId, fileId).orElseThrow(() -> ProblemException.notFound("contract file", fileId));
    }

    /**
     * Deletes the files past their retention ({@code susong.files.retention} after upload), every
     * {@code susong.files.sweep-every}, on every replica; the store has no TTL.
     */
    @Scheduled(every = "${susong.files.sweep-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        deleteExpired(clock.instant());
    }

    /** @return the files deleted whose retention ended before {@code now} (at most {@link #SWEEP_BATCH}) */
    public int deleteExpired(Instant now) {
        return files.deleteExpired(now, SWEEP_BATCH, file -> true);
    }

    /** Registrars and admins reach every contract, an applicant those its enterprise is a party to; others 404. */
    private void reachable(Principal principal, String contractId) {
        boolean reachable = contracts.find(contractId).map(c -> principal.hasAnyRole(Principal.REGISTRAR, Principal.ADMIN)
                || principal.hasRole(Principal.APPLICANT) && (party(principal, c.terms().seller())
                || party(principal, c.terms().buyer()))).orElse(false);
        if (!reachable) {
            throw ProblemException.notFound("contract", contractId);
        }
    }

    private static boolean party(Principal principal, Party party) {
        return party.isDomestic() && principal.actsFor(party.uscc().value());
    }
}
