package org.susong.portal.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.susong.commons.time.BusinessClock;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.InboxEntry;
import org.susong.portal.persistence.InboxStore;

/**
 * "Appeal deadline approaching" (issue 18 item 5): each round, every rejection in the inbox whose appeal deadline
 * falls within {@code susong.portal.inbox.appeal-reminder-days} of today (Xiamen's date, the portal's clock) and that
 * was neither appealed nor superseded gets one reminder entry (its id is the decision's: made once, whichever portal
 * or round makes it); then the rejection is marked looked at. A deadline already past is not reminded of. An appeal
 * arriving after the reminder was made closes it (not shown, not mailed if not sent yet).
 */
@ApplicationScoped
public class AppealReminders {

    private static final Logger LOG = Logger.getLogger(AppealReminders.class);

    private final InboxStore store;
    private final PortalConfig config;
    private final Clock clock;

    AppealReminders(InboxStore store, PortalConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${susong.portal.inbox.reminder-every:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.evaluation().enabled()) {
            try {
                round(LocalDate.now(clock.withZone(BusinessClock.ZONE)));
            } catch (RuntimeException storeDown) {
                LOG.warnf("appeal reminders stopped: %s", storeDown.toString());
            }
        }
    }

    /** Makes the reminders due on {@code today}; the number made. */
    public int round(LocalDate today) {
        List<Document> due = store.rejectionsDue(today, today.plusDays(config.inbox().appealReminderDays()));
        int made = 0;
        for (Document rejection : due) {
            String decisionEntry = rejection.getString("_id");
            // DECIDED:<decision id>:<outcome>
            int from = decisionEntry.indexOf(':') + 1;
            int to = decisionEntry.lastIndexOf(':');
            String decisionId = to >= from ? decisionEntry.substring(from, to) : decisionEntry.substring(from);
            if (!store.closed(decisionId)) {
                store.add(new InboxEntry(InboxEntry.Kind.APPEAL_DEADLINE.name() + ":" + decisionId,
                                InboxEntry.Kind.APPEAL_DEADLINE, rejection.getString("applicationId"),
                                rejection.getString("measure"), rejection.getString("outcome"), null, null, clock.instant(),
                                LocalDate.parse(rejection.getString("deadline")), List.of(), false, false),
                        rejection.getString("uscc"), List.of(), List.of(), clock.instant());
                // an appeal that arrived meanwhile: it wrote its close before reading for a reminder, this reads after
                if (store.closed(decisionId)) {
                    store.closeReminder(decisionId);
                } else {
                    made++;
                }
            }
            store.reminded(decisionEntry);
        }
        return made;
    }
}
