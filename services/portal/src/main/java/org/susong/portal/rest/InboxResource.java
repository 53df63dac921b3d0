package org.susong.portal.rest;

import com.mongodb.MongoException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.InboxEntry;
import org.susong.portal.domain.Role;
import org.susong.portal.persistence.InboxStore;

/**
 * An applicant's inbox (issue 18 item 5): its notifications, newest first, each with its sentence, unread ones marked;
 * mark one or all read; the e-mail address its new notifications are also sent to (when mail is on here). Only the
 * signed-in applicant's own entries (its USCC) are read or marked. With the event consumption off here
 * ({@code susong.portal.evaluation.enabled=false}) it answers 503 saying so; the store not answering is 503 too.
 */
@Path("/applicant/inbox")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class InboxResource {

    private static final Logger LOG = Logger.getLogger(InboxResource.class);

    /** An address as a mail server takes it: one @, a dot in the domain, no blanks, at most 254 characters. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /**
     * One entry as the page shows it: its sentence and its reasons (a rejection's failed criteria, a return's bank
     * reason; null for none) in the page's language.
     */
    public record Line(InboxEntry entry, String text, String reasons, String at) {
    }

    private final Pages pages;
    private final InboxStore store;
    private final InboxLines lines;
    private final PortalConfig config;
    private final Clock clock;

    InboxResource(Pages pages, InboxStore store, InboxLines lines, PortalConfig config, Clock clock) {
        this.pages = pages;
        this.store = store;
        this.lines = lines;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public Response inbox(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("saved") String saved) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = refused(visit);
        if (refused != null) {
            return refused;
        }
        InboxMsg w = lines.words(visit.lang());
        String notice = "stopped".equals(saved) ? w.mailStopped() : null;
        try {
            if ("address".equals(saved)) {
                notice = store.address(uscc(visit)).map(a -> w.mailSaved(a.email())).orElse(null);
            }
        } catch (MongoException e) {
            return storeDown(visit, e);
        }
        return page(visit, 200, notice, null, null);
    }

    /** Marks one entry read ({@code id}) or all of them (none given), then back to the inbox. */
    @POST
    @Path("read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response read(@Context UriInfo uri, @Context HttpHeaders headers, @FormParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = refused(visit);
        if (refused != null) {
            return refused;
        }
        try {
            store.markRead(uscc(visit), id == null || id.isBlank() ? null : id);
        } catch (MongoException e) {
            return storeDown(visit, e);
        }
        return Response.seeOther(URI.create("/applicant/inbox")).build();
    }

    /**
     * The address new notifications are e-mailed to, and their language; blank stops the mails. Not an address: 400
     * with the form marked, nothing kept.
     */
    @POST
    @Path("address")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response address(@Context UriInfo uri, @Context HttpHeaders headers, @FormParam("email") String email,
                            @FormParam("lang") String lang) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = refused(visit);
        if (refused != null) {
            return refused;
        }
        InboxMsg w = lines.words(visit.lang());
        if (!config.inbox().mailEnabled()) {
            return page(visit, 409, null, w.mailOff(), null);
        }
        String typed = email == null ? "" : email.strip();
        if (!typed.isEmpty() && (typed.length() > 254 || !EMAIL.matcher(typed).matches())) {
            return page(visit, 400, null, null, w.mailInvalid());
        }
        try {
            if (typed.isEmpty()) {
                store.removeAddress(uscc(visit));
                return Response.seeOther(URI.create("/applicant/inbox?saved=stopped")).build();
            }
            store.setAddress(uscc(visit), typed, "en".equals(lang) ? "en" : "zh", clock.instant());
        } catch (MongoException e) {
            return storeDown(visit, e);
        }
        return Response.seeOther(URI.create("/applicant/inbox?saved=address")).build();
    }

    private Response page(Pages.Visit visit, int status, String notice, String error, String addressProblem) {
        InboxMsg w = lines.words(visit.lang());
        String uscc = uscc(visit);
        try {
            List<Line> entries = store.entriesOf(uscc, config.inbox().pageSize(), "en".equals(visit.lang())).stream()
                    .map(e -> new Line(e, lines.line(e, visit.lang()), lines.reasons(e, visit.lang()),
                            Formats.time(e.at().toString())))
                    .toList();
            long unread = store.unread(uscc);
            Optional<InboxStore.Address> address = config.inbox().mailEnabled() ? store.address(uscc) : Optional.empty();
            return pages.respond(visit, status, InboxTemplates.inbox(visit.chrome(), entries, unread,
                    config.inbox().mailEnabled(), address.map(InboxStore.Address::email).orElse(null),
                    address.map(InboxStore.Address::lang).orElse(visit.lang()), notice, error, addressProblem));
        } catch (MongoException e) {
            return storeDown(visit, e);
        }
    }

    private Response storeDown(Pages.Visit visit, MongoException e) {
        LOG.warnf("the inbox's store cannot be read: %s", e.getMessage());
        return pages.respond(visit, 503, InboxTemplates.inbox(visit.chrome(), List.of(), 0, false, null, visit.lang(),
                null, lines.words(visit.lang()).storeDown(), null));
    }

    /** Sign in first; 403 to any but an applicant; 503 with the event consumption off here. */
    private Response refused(Pages.Visit visit) {
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        if (!config.evaluation().enabled()) {
            return pages.respond(visit, 503, InboxTemplates.inbox(visit.chrome(), List.of(), 0, false, null,
                    visit.lang(), null, lines.words(visit.lang()).off(), null));
        }
        return null;
    }

    private static String uscc(Pages.Visit visit) {
        return visit.person().actingFor();
    }
}
