package org.susong.portal.messaging.out;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.persistence.InboxStore;
import org.susong.portal.persistence.InboxStore.Address;
import org.susong.portal.persistence.InboxStore.MailClaim;
import org.susong.portal.rest.InboxLines;

/**
 * E-mails the inbox's new entries (issue 18 item 5) through Quarkus Mailer, when mail is on here
 * ({@code susong.portal.inbox.mail-enabled} and the event consumption, {@code susong.portal.evaluation.enabled}):
 * each round claims pending entries one at a time ({@link InboxStore#claimMail}, of two portals one gets each), sends
 * to the address their applicant gave, in its language, and records the outcome. An entry made before the address was
 * given, or with none, is {@code NO_ADDRESS} (not sent later; mostly decided as the entry is written, InboxStore's
 * {@code due}, so the rounds claim only what there is someone to mail); a failed send is tried again after a pause
 * growing with its attempts, up to {@code mail-attempts}, then {@code FAILED} and logged. A sender dying between sending and recording leaves the claim
 * to go stale and the mail is sent again: at least once.
 */
@ApplicationScoped
public class InboxMailer {

    private static final Logger LOG = Logger.getLogger(InboxMailer.class);

    /** The most mails one round sends (the rest wait for the next). */
    static final int ROUND = 100;

    /**
     * The longest one send is waited for: well below the claim's stale limit, so a hanging server does not let another
     * portal claim and send it meanwhile (a send given up here may still arrive: then it is sent again).
     */
    static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofMinutes(2);

    /** Claims of one mail before it is given up: its senders died or hung (each claim went stale). */
    static final int MAX_CLAIMS = 10;

    /** A failed send waits this long times its attempts before the next. */
    static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofMinutes(1);

    private final InboxStore store;
    private final InboxLines lines;
    private final ReactiveMailer mailer;
    private final PortalConfig config;
    private final Clock clock;

    InboxMailer(InboxStore store, InboxLines lines, ReactiveMailer mailer, PortalConfig config, Clock clock) {
        this.store = store;
        this.lines = lines;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${susong.portal.inbox.mail-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.evaluation().enabled() && config.inbox().mailEnabled()) {
            try {
                round();
            } catch (RuntimeException storeDown) {
                LOG.warnf("inbox mail round stopped: %s", storeDown.toString());
            }
        }
    }

    /** One round: sends what is pending (at most {@link #ROUND}); the number of mails sent. */
    public int round() {
        int sent = 0;
        for (int i = 0; i < ROUND; i++) {
            Instant now = clock.instant();
            Optional<MailClaim> next = store.claimMail(now, now.minus(config.inbox().mailStaleAfter()));
            if (next.isEmpty()) {
                break;
            }
            if (send(next.get())) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(MailClaim claim) {
        // first, before anything else is read: a mail whose every sender failed before recording is given up here
        if (claim.claims() > MAX_CLAIMS) {
            LOG.warnf("inbox mail of %s to applicant %s given up after %d claims (its senders died, hung or failed)",
                    claim.entry().id(), claim.uscc(), claim.claims());
            store.mailDone(claim, InboxStore.Mail.FAILED);
            return false;
        }
        Optional<Address> address = store.address(claim.uscc());
        // by when the portal made the entry, not the event's own time: the services' business clock may be set apart
        // from the portal's (a demo's date); a consumer catching up after the address was given mails what it reads
        if (address.isEmpty() || claim.createdAt().isBefore(address.get().since())) {
            store.mailDone(claim, InboxStore.Mail.NO_ADDRESS);
            return false;
        }
        String lang = address.get().lang();
        try {
            mailer.send(Mail.withText(address.get().email(), lines.subject(claim.entry(), lang),
                    lines.body(claim.entry(), lang, config.inbox().publicUrl().replaceAll("/+$", ""))))
                    .await().atMost(SEND_TIMEOUT);
        } catch (RuntimeException failed) {
            int attempt = claim.failures() + 1;
            boolean last = attempt >= config.inbox().mailAttempts();
            LOG.warnf("inbox mail of %s to applicant %s failed (attempt %d%s): %s", claim.entry().id(), claim.uscc(),
                    attempt, last ? ", given up" : "", failed.toString());
            if (last) {
                store.mailDone(claim, InboxStore.Mail.FAILED);
            } else {
                store.mailRetry(claim, clock.instant().plus(RETRY_PAUSE.multipliedBy(attempt)));
            }
            return false;
        }
        store.mailDone(claim, InboxStore.Mail.SENT);
        return true;
    }
}
