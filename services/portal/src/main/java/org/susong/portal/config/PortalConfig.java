package org.susong.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's own settings; the services' base URLs are the REST clients' ({@code quarkus.rest-client.<service>.url}). */
@ConfigMapping(prefix = "susong.portal")
public interface PortalConfig {

    /**
     * The development sign-in: a page that picks any role and district, whose person the portal sends to the services
     * as the header stub. Only for the local, dev and test profiles; a portal started in prod with it on refuses to
     * start ({@link DevSignInGuard}).
     */
    @WithDefault("false")
    boolean devSignIn();

    /** Rows per page of a list page (the services answer at most 200). */
    @WithDefault("50")
    int pageSize();

    /** The most rows one CSV export reads (200 a request); past it the file ends with a line saying it was cut. */
    @WithDefault("20000")
    int exportMaxRows();

    /** The evaluation read model (issue 18 item 4, measure D3). */
    Evaluation evaluation();

    interface Evaluation {

        /**
         * Whether the portal projects the events and shows the evaluation: needs the broker and the portal's store. Off,
         * the channel {@code events-in} is off too ({@code mp.messaging.incoming.events-in.enabled} follows this key)
         * and the page says the evaluation is not kept here. Off unless a deployment gives the broker and the store.
         */
        @WithDefault("false")
        boolean enabled();

        /** The topics the projection reads and a rebuild reads again from offset 0 (the channel's {@code topics}). */
        @WithDefault("applications.events,eligibility.events,payments.events,tech-contracts.events,fund-investments.events")
        java.util.List<String> topics();

        /** A rebuild that has not finished after this long is taken to have died: another may take its place. */
        @WithDefault("30m")
        java.time.Duration rebuildStaleAfter();
    }

    /** The applicants' inbox (issue 18 item 5): fed by the same event consumption as the evaluation (its switch). */
    Inbox inbox();

    interface Inbox {

        /** The newest entries the inbox page shows. */
        @WithDefault("100")
        int pageSize();

        /** A rejection's applicant is reminded this many days before its appeal deadline (none once appealed). */
        @WithDefault("7")
        int appealReminderDays();

        /**
         * Whether notifications are e-mailed, to the address an applicant gave on its inbox page, through Quarkus
         * Mailer ({@code quarkus.mailer.*}: its mock mailbox in the local, dev and test profiles). Off by default.
         */
        @WithDefault("false")
        boolean mailEnabled();

        /** A mail claimed by a sender that has not recorded its outcome after this long is claimed again. */
        @WithDefault("10m")
        java.time.Duration mailStaleAfter();

        /** Failed sends of one mail before it is given up (FAILED, logged). */
        @WithDefault("5")
        int mailAttempts();

        /** The portal's address as applicants reach it, for the links in the mails. */
        @WithDefault("http://localhost:8080")
        String publicUrl();
    }
}
