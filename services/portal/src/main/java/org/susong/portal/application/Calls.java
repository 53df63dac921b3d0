package org.susong.portal.application;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Person;

/**
 * A service call made as the signed-in person (the header stub's five headers, {@link Person#stubHeaders()}), whose
 * every failure is a {@link ServiceError}: the service's answer, or unreachable.
 */
final class Calls {

    /** A REST client method with the header stub's parameters first. */
    @FunctionalInterface
    interface AsPerson<T> {
        T call(String user, String roles, String district, String actingFor, String funds);
    }

    private Calls() {
    }

    static <T> T as(String service, Person person, AsPerson<T> call) {
        Map<String, String> h = person.stubHeaders();
        try {
            return call.call(h.get("X-User"), h.get("X-Roles"), h.get("X-District"), h.get("X-Acting-For"),
                    h.get("X-Funds"));
        } catch (ServiceError e) {
            throw e;
        } catch (ProcessingException e) {
            if (e.getCause() instanceof ServiceError answered) {
                throw answered;
            }
            throw ServiceError.unreachable(service, e);
        } catch (WebApplicationException e) {
            throw ServiceError.of(service, e.getResponse());
        }
    }
}
