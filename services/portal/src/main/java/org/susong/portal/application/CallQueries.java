package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.Call;
import org.susong.portal.client.CallEntry;
import org.susong.portal.client.CallsClient;
import org.susong.portal.client.Ranking;
import org.susong.portal.client.ScoreSheet;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What a district officer's call pages read (competitive allocation, C1): the calls, a call with its applications and
 * ranking, an application's score sheet, always as the officer: eligibility narrows the applications and sheets to the
 * officer's district. Read-only.
 */
@ApplicationScoped
public class CallQueries {

    /** A call's states (eligibility's {@code CallState}), the list's filter; another is refused without a call. */
    public static final List<String> STATES = List.of("OPEN", "RANKING", "AWARDED", "REFUSED", "CANCELLED");

    private final CallsClient calls;
    private final PortalConfig config;

    CallQueries(@RestClient CallsClient calls, PortalConfig config) {
        this.calls = calls;
        this.config = config;
    }

    /** A page of the calls, newest first, optionally of one state. */
    public Listing<Call> calls(Person person, String state, String cursor) {
        PortalQueries.require(person, Role.OFFICER);
        ServicePage<Call> page = Calls.as("eligibility", person, as -> calls.calls(as, state, cursor,
                config.pageSize()));
        return new Listing<>(page.items(), page.nextCursor());
    }

    /**
     * A call's page, each part read on its own: the call (404: empty, nothing more asked), a page of its applications
     * (those of another district than the officer's are left out, should the service answer them), and its ranking
     * (the service's 409 naming {@code phase}: not ranked yet, no error).
     */
    public Optional<CallCase> call(Person person, String callId, String cursor) {
        PortalQueries.require(person, Role.OFFICER);
        Part<Call> call = Part.read(() -> Calls.as("eligibility", person, as -> calls.call(as, callId)));
        if (call.error() != null && call.error().status() == 404) {
            return Optional.empty();
        }
        String district = person.district().name();
        Part<ServicePage<CallEntry>> entries = Part.read(() -> {
            ServicePage<CallEntry> page = Calls.as("eligibility", person,
                    as -> calls.applications(as, callId, cursor, config.pageSize()));
            return new ServicePage<>(page.items().stream().filter(e -> district.equalsIgnoreCase(e.district()))
                    .toList(), page.nextCursor(), page.limit());
        });
        Part<Ranking> ranking = Part.read(() -> Calls.as("eligibility", person, as -> calls.ranking(as, callId)));
        if (notRanked(ranking.error())) {
            ranking = Part.none();
        }
        return Optional.of(new CallCase(call, entries, ranking));
    }

    /**
     * An application's score sheet with its call (for the criteria's words; the call failing leaves the names as
     * codes); empty when eligibility answers 404 or a sheet of another district than the officer's.
     */
    public Optional<SheetCase> sheet(Person person, String callId, String applicationId) {
        PortalQueries.require(person, Role.OFFICER);
        ScoreSheet sheet;
        try {
            sheet = Calls.as("eligibility", person, as -> calls.sheet(as, callId, applicationId));
        } catch (ServiceError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (!person.district().name().equalsIgnoreCase(sheet.district())) {
            return Optional.empty();
        }
        Part<Call> call = Part.read(() -> Calls.as("eligibility", person, as -> calls.call(as, callId)));
        return Optional.of(new SheetCase(sheet, call));
    }

    /** Eligibility's answer to the ranking of a call not ranked: 409 with the problem's field {@code phase}. */
    static boolean notRanked(ServiceError error) {
        return error != null && error.status() == 409 && "phase".equals(error.field());
    }

    /** A call's page: the call, a page of its applications (the officer's district), its ranking (none: not ranked). */
    public record CallCase(Part<Call> call, Part<ServicePage<CallEntry>> entries, Part<Ranking> ranking) {
    }

    /** A score sheet's page: the sheet and its call. */
    public record SheetCase(ScoreSheet sheet, Part<Call> call) {
    }
}
