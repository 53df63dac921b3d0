package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.client.Call;
import org.susong.portal.client.CallEntry;
import org.susong.portal.client.Ranking;
import org.susong.portal.client.ScoreSheet;
import org.susong.portal.client.ServicePage;

/** The officer's call pages (templates/calls.html, call.html, sheet.html), checked against these parameters. */
@CheckedTemplate
public final class CallTemplates {

    private CallTemplates() {
    }

    /** The calls, newest first, with the state filter; {@code error}: the list's failure as a sentence. */
    public static native TemplateInstance calls(Chrome chrome, List<Call> rows, List<String> states, String state,
                                                String nextHref, String error);

    /**
     * A call's page: the call (null with {@code callError}), a page of the district's applications, the ranking (null
     * without {@code rankingError}: not ranked yet).
     */
    public static native TemplateInstance call(Chrome chrome, String callId, Call call, String callError,
                                               String district, ServicePage<CallEntry> entries, String entriesError,
                                               String nextHref, Ranking ranking, String rankingError);

    /** An application's score sheet; {@code criteria} the columns (the call's scoring criteria, or the names alone). */
    public static native TemplateInstance sheet(Chrome chrome, ScoreSheet sheet, List<CallResource.Column> criteria,
                                                String callError, String callHref);
}
