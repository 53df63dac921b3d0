package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import org.susong.portal.domain.InboxEntry;

/** An inbox entry as one sentence, the page's and the e-mail's (subject and text), in Chinese or English. */
@ApplicationScoped
public class InboxLines {

    private final InboxMsg zh;
    private final InboxMsg en;

    InboxLines(InboxMsg zh, @Localized("en") InboxMsg en) {
        this.zh = zh;
        this.en = en;
    }

    InboxMsg words(String lang) {
        return "en".equals(lang) ? en : zh;
    }

    public String line(InboxEntry e, String lang) {
        return words(lang).line(e.kind().code(), e.automatic(), e.outcome() == null ? "" : e.outcome(),
                e.measure() == null ? "" : e.measure(), e.applicationId(), yuan(e.amountFen()), yuan(e.netFen()),
                yuan(e.withheldFen()), e.deadline() == null ? "" : e.deadline().toString());
    }

    /** The reasons' line: a rejection's failed criteria, a return's bank reason. */
    public String reasons(InboxEntry e, String lang) {
        if (e.reasons().isEmpty()) {
            return null;
        }
        String joined = String.join("; ", e.reasons());
        return e.kind() == InboxEntry.Kind.RETURNED ? words(lang).bankReason(joined) : words(lang).reasons(joined);
    }

    private static String yuan(Long fen) {
        return fen == null ? "" : Formats.yuan(fen);
    }

    public String subject(InboxEntry e, String lang) {
        return words(lang).mailSubject(line(e, lang));
    }

    /** The mail's text: the sentence and the link to the application's page ({@code portal} without a trailing /). */
    public String body(InboxEntry e, String lang, String portal) {
        return words(lang).mailBody(line(e, lang), portal + "/applicant/applications/" + e.applicationId()
                + ("en".equals(lang) ? "?lang=en" : ""));
    }
}
