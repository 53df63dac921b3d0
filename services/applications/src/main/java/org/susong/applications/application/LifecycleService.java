package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.Attachment;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationEvent;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Fact;
import org.susong.applications.domain.IllegalTransition;
import org.susong.commons.rest.Page;
import org.susong.applications.domain.Viewed;
import org.susong.applications.messaging.out.ApplicationEvents;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.ApplicationViews;
import org.susong.applications.persistence.EarlyFacts;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.FieldCipher;
import org.susong.commons.security.FieldCiphers;
import org.susong.commons.security.Principal;

/**
 * The lifecycle after submission: facts from eligibility and payments, the applicant's withdrawal
 * and appeal requests, and the payee snapshot taken when a decision approves. Each change is one
 * guarded write of the application with its events appended to its outbox. The payee's account number is sealed for
 * the topic (issue 23 item 11): created at startup, so that a service without an active key refuses to start.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class LifecycleService {

    static final String SYSTEM = Principal.system().asActor();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LifecycleService.class);

    private final ApplicationRepository applications;
    private final ApplicantRepository applicants;
    private final EarlyFacts earlyFacts;
    private final ApplicationViews views;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final FieldCipher cipher;

    LifecycleService(ApplicationRepository applications, ApplicantRepository applicants, EarlyFacts earlyFacts,
                     ApplicationViews views, OutboxRelay relay, ObjectMapper json, Clock clock, FieldCipher cipher) {
        this.applications = applications;
        this.applicants = applicants;
        this.earlyFacts = earlyFacts;
        this.views = views;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.cipher = FieldCiphers.sealing(cipher);
    }

    /** Records a fact once; a fact about an application not seen yet is kept and applied when it appears. */
    public void record(String applicationId, Fact fact) {
        Optional<ApplicationRepository.Versioned> found = applications.find(applicationId);
        if (found.isEmpty()) {
            refuseModified(earlyFacts.keep(applicationId, fact), fact);
            return;
        }
        Application current = found.get().application();
        current.timeline().stream().filter(known -> known.eventId().equals(fact.eventId())).findFirst()
                .ifPresent(known -> refuseModified(known, fact));
        Application next = current.record(fact);
        List<ApplicationEvent> events = new ArrayList<>();
        if (!next.approvedDecisionsWithoutSnapshot().isEmpty()) {
            Application.Transition snapshots = snapshotPayees(next);
            next = snapshots.application();
            events.addAll(snapshots.events());
        }
        if (next != current) {
            persist(found.get(), new Application.Transition(next, events), SYSTEM, fact.eventId());
        }
    }

    /** Test seam: runs between a batch's read and its bulk write (another writer changes an application here). */
    volatile Runnable beforeBulkWrite = () -> { };

    /** A fact of a batch and the application it is about. */
    public record Recorded(String applicationId, Fact fact) {
    }

    /**
     * Records the facts of a consumed batch (issue 14): one read of the applications they concern, each application's
     * facts applied in their order in memory, and one bulk write of the applications that changed, each guarded on the
     * version it was read at. Whatever does not fit that path takes {@link #record} one fact at a time, in order per
     * application: an application not stored yet (early facts), a fact that fails in memory (e.g. a modified
     * redelivery), an application another writer changed meanwhile (its guard failed) or that the bulk could not write.
     *
     * @return per fact, in the order given: null when it was recorded (or was known), else the failure of its own
     *         one-by-one attempt for the caller to classify (a modified request is dead-lettered)
     * @throws RuntimeException the first transient failure of the one-by-one path: the caller retries the whole call
     */
    public List<RuntimeException> recordAll(List<Recorded> facts) {
        java.util.Map<String, List<Integer>> byApplication = new java.util.LinkedHashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            byApplication.computeIfAbsent(facts.get(i).applicationId(), id -> new ArrayList<>()).add(i);
        }
        java.util.Map<String, ApplicationRepository.Versioned> found = applications.findAll(byApplication.keySet());
        List<ApplicationRepository.Change> changes = new ArrayList<>();
        List<String> oneByOne = new ArrayList<>();
        for (var entry : byApplication.entrySet()) {
            ApplicationRepository.Versioned before = found.get(entry.getKey());
            ApplicationRepository.Change change = before == null ? null : inMemory(before,
                    entry.getValue().stream().map(i -> facts.get(i).fact()).toList());
            if (change == null) {
                oneByOne.add(entry.getKey());
            } else if (change.application() != before.application()) {
                changes.add(change);
            }
        }
        beforeBulkWrite.run();
        java.util.Set<String> written = applications.saveAll(changes);
        for (ApplicationRepository.Change change : changes) {
            if (!written.contains(change.application().id())) {
                oneByOne.add(change.application().id());
            } else if (!change.outbox().isEmpty()) {
                relay.publishSoon(ApplicationRepository.COLLECTION, change.application().id());
            }
        }
        List<RuntimeException> failures = new ArrayList<>(java.util.Collections.nCopies(facts.size(), null));
        for (String applicationId : oneByOne) {
            for (int i : byApplication.get(applicationId)) {
                try {
                    record(applicationId, facts.get(i).fact());
                } catch (RuntimeException e) {
                    if (org.susong.commons.messaging.EventConsumer.isTransient(e)) {
                        // the whole call is retried in place (it is idempotent): going on would record this
                        // application's later facts before this one, and wait out every remaining write in an outage
                        throw e;
                    }
                    failures.set(i, e);
                }
            }
        }
        return failures;
    }

    /** The change that {@link #record} would make for these facts one after another; null when one of them fails. */
    private ApplicationRepository.Change inMemory(ApplicationRepository.Versioned before, List<Fact> facts) {
        try {
            Application current = before.application();
            Application next = current;
            String cause = null; // the fact after which a payee snapshot is due, as record() names it
            for (Fact fact : facts) {
                next.timeline().stream().filter(known -> known.eventId().equals(fact.eventId())).findFirst()
                        .ifPresent(known -> refuseModified(known, fact));
                next = next.record(fact);
                if (cause == null && !next.approvedDecisionsWithoutSnapshot().isEmpty()) {
                    cause = fact.eventId();
                }
            }
            List<ApplicationEvent> events = new ArrayList<>();
            if (!next.approvedDecisionsWithoutSnapshot().isEmpty()) {
                Application.Transition snapshots = snapshotPayees(next);
                next = snapshots.application();
                events.addAll(snapshots.events());
            }
            if (next == current) {
                return new ApplicationRepository.Change(current, before.version(), List.of());
            }
            return new ApplicationRepository.Change(next, before.version(), Outbox.entries(json, before.eventSeq(),
                    wire(next, events, SYSTEM, cause == null ? facts.get(facts.size() - 1).eventId() : cause),
                    clock.instant()));
        } catch (RuntimeException e) {
            return null; // the one-by-one path meets the same failure for the fact that caused it, and says which
        }
    }

    private static void refuseModified(Fact known, Fact received) {
        if (known.modifiedBy(received)) {
            throw new ModifiedRequest("event " + received.eventId() + " (" + received.kind() + ") was received before with"
                    + " another payload");
        }
    }

    /**
     * After an applicant's account became effective: the approved applications still waiting for a payee, and those
     * whose payment the bank returned (not paid since) with a snapshot of another account, which get a new snapshot of
     * the effective one (issue 20 item 2: payments re-sends the returned payment to it). Each is one guarded write with
     * its events in its outbox; running again finds the snapshot of that account kept and writes nothing.
     */
    public void snapshotWaitingPayees(String applicantUscc) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(applications.awaitingPayee(applicantUscc));
        ids.addAll(applications.paymentReturned(applicantUscc));
        for (String id : ids) {
            applications.find(id).ifPresent(found -> {
                Application.Transition snapshots = snapshotPayees(found.application());
                Application.Transition corrected = correctReturnedPayees(snapshots.application());
                List<ApplicationEvent> events = new ArrayList<>(snapshots.events());
                events.addAll(corrected.events());
                if (!events.isEmpty()) {
                    persist(found, new Application.Transition(corrected.application(), events), SYSTEM,
                            "bank-account:" + applicantUscc);
                }
            });
        }
    }

    /** New snapshots of the saved account for the decisions whose payment was returned to another account. */
    private Application.Transition correctReturnedPayees(Application application) {
        if (application.decisionsReturnedUnpaid().isEmpty()) {
            return new Application.Transition(application, List.of());
        }
        return withSavedAccount(application, application.decisionsReturnedUnpaid(), Application::correctPayee);
    }

    /**
     * The snapshot is of the account saved on the applicant: a change whose cooling-off has passed is saved as the
     * account first, under the applicant's version ({@link EffectiveAccount}), so a rejection of it either came first
     * (and the old account is snapshotted) or fails on that version. What else waited for that account (other
     * applications, award proposals) is left to the follow-up sweep.
     */
    private Application.Transition snapshotPayees(Application application) {
        return withSavedAccount(application, application.approvedDecisionsWithoutSnapshot(), Application::snapshotPayee);
    }

    interface PayeeStep {
        Application.Transition apply(Application application, String decisionId, BankAccount account, java.time.Instant now);
    }

    /** The step for each decision with the applicant's saved account; nothing without one (taken when one takes effect). */
    private Application.Transition withSavedAccount(Application application, List<String> decisionIds, PayeeStep step) {
        BankAccount account = EffectiveAccount.saved(applicants, application.applicantUscc(), clock.instant())
                .map(Applicant::payableAccount).orElse(null);
        if (account == null) {
            return new Application.Transition(application, List.of());
        }
        Application next = application;
        List<ApplicationEvent> events = new ArrayList<>();
        for (String decisionId : decisionIds) {
            Application.Transition t = step.apply(next, decisionId, account, clock.instant());
            next = t.application();
            events.addAll(t.events());
        }
        return new Application.Transition(next, events);
    }

    /** A withdrawal request (payments answers) or, for a draft, the withdrawal itself. */
    public Application withdraw(Principal principal, String id, String reason) {
        return command(principal, id, a -> a.requestWithdrawal(reason.trim(), principal.asActor(), clock.instant(),
                "request:" + UUID.randomUUID()));
    }

    /**
     * An appeal of a decision; an officer weighs it in eligibility. Filed by the last day of the decision's notice
     * ({@code appealDeadline}, 60 days by the Administrative Reconsideration Law) on the business date (Asia/Shanghai):
     * later, 422 naming {@code appealDeadline}; nothing is recorded.
     */
    public Application appeal(Principal principal, String id, String grounds,
                              List<Attachment> documents) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        return command(principal, id, a -> {
            Application.Transition t = a.appeal(grounds.trim(), documents, principal.asActor(), clock.instant(),
                    "request:" + UUID.randomUUID());
            java.time.LocalDate deadline = a.appealDeadline().orElse(null);
            if (deadline != null && today.isAfter(deadline)) {
                throw ProblemException.unprocessable("appealDeadline", "the appeal deadline of "
                        + a.latestDecisionId().orElse("the decision") + " was " + deadline + "; today is " + today
                        + " (60 days from the notice, Administrative Reconsideration Law)").with("appealDeadline",
                        deadline.toString());
            }
            return t;
        });
    }

    interface Command {
        Application.Transition apply(Application application);
    }

    private Application command(Principal principal, String id, Command command) {
        ApplicationRepository.Versioned found = actedOn(principal, id);
        Application.Transition transition;
        try {
            transition = command.apply(found.application());
        } catch (IllegalTransition e) {
            throw illegal(e);
        }
        String cause = transition.application().timeline().stream().filter(f -> !found.application().knows(f.eventId()))
                .map(Fact::eventId).findFirst().orElse(null);
        try {
            persist(found, transition, principal.asActor(), cause);
        } catch (OutboxFullException e) {
            throw e; // 503 with Retry-After: the broker is not draining the outbox
        } catch (TransientFailure e) {
            throw ProblemException.conflict("application " + id + " changed while this request was served; try again")
                    .with("currentStatus", found.application().status().name());
        }
        return transition.application();
    }

    static ProblemException illegal(IllegalTransition e) {
        return ProblemException.conflict(e.getMessage()).with("currentStatus", e.current().name());
    }

    /**
     * One write: the new state, the events in its outbox; then the relay is nudged. A state that reopens the
     * application (a later round's fact) while another open application of the same applicant, measure and
     * period holds the slot is still saved - a fact is kept, never dead-lettered - without the slot.
     */
    void persist(ApplicationRepository.Versioned before, Application.Transition transition, String actor, String cause) {
        try {
            persist(before, transition, actor, cause, true);
        } catch (ApplicationRepository.DuplicateOpen taken) {
            LOG.warnf("application %s is open again while %s is held by another; kept without the slot",
                    transition.application().id(), taken.slot());
            persist(before, transition, actor, cause, false);
        }
    }

    private void persist(ApplicationRepository.Versioned before, Application.Transition transition, String actor,
                         String cause, boolean takeSlot) {
        Application next = transition.application();
        List<NewEvent> wire = wire(next, transition.events(), actor, cause);
        // handed to persistence unread: the state and its events are one guarded write
        var outbox = Outbox.entries(json, before.eventSeq(), wire, clock.instant());
        applications.save(next, before.version(), outbox, takeSlot);
        if (!wire.isEmpty()) {
            relay.publishSoon(ApplicationRepository.COLLECTION, next.id());
        }
    }

    /** The events as they go out (their outbox entries are built from these, {@code Outbox.entries}). */
    private List<NewEvent> wire(Application next, List<ApplicationEvent> events, String actor, String cause) {
        return events.stream().map(e -> ApplicationEvents.toWire(e, next.district(), actor, cause, cipher)).toList();
    }

    /** The application if the principal may see it; 404 otherwise (a district officer never learns another district's ids). */
    public ApplicationRepository.Versioned visible(Principal principal, String id) {
        return applications.find(id).filter(v -> visibleTo(principal, v.application()))
                .orElseThrow(() -> ProblemException.notFound("application", id));
    }

    /** The application if the principal may act on it (its district's officer, the applicant itself); 404 otherwise. */
    public ApplicationRepository.Versioned actedOn(Principal principal, String id) {
        return applications.find(id).filter(v -> actsOn(principal, v.application()))
                .orElseThrow(() -> ProblemException.notFound("application", id));
    }

    /** Reads an application for a person and records the view. */
    public Application view(Principal principal, String id) {
        Application application = visible(principal, id).application();
        views.record(new Viewed(id, principal.asActor(), clock.instant()));
        return application;
    }

    /** A page of who viewed the application, in the order of the views. */
    public Page<Viewed> views(Principal principal, String id, String cursor, int limit) {
        visible(principal, id);
        try {
            return views.of(id, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", e.getMessage());
        }
    }

    public Optional<Application> find(String id) {
        return applications.find(id).map(ApplicationRepository.Versioned::application);
    }

    /** Reads: a district officer its district, an applicant its own USCC, auditors and admins every application. */
    public static boolean visibleTo(Principal principal, Application application) {
        return principal.sees(application.district().english(), application.applicantUscc(), Principal.AUDITOR,
                Principal.ADMIN);
    }

    /** Commands: a district officer in its district, an applicant for its own USCC; no role acts city-wide. */
    public static boolean actsOn(Principal principal, Application application) {
        return principal.sees(application.district().english(), application.applicantUscc());
    }

    /** The applicant, for snapshots and checks. */
    Optional<Applicant> applicant(String uscc) {
        return applicants.find(uscc);
    }
}
