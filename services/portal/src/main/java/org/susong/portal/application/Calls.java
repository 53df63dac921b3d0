package org.susong.portal.application;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.CallerIdentity;
import org.susong.portal.domain.Person;

/**
 * A service call made as the signed-in person ({@link CallerIdentity}: its access token, or the header stub), whose
 * every failure is a {@link ServiceError}: the service's answer, or unreachable.
 */
final class Calls {

    /** A REST client method called as someone. */
    @FunctionalInterface
    interface AsPerson<T> {
        T call(CallerIdentity as);
    }

    private Calls() {
    }

    static <T> T as(String service, Person person, AsPerson<T> call) {
        try {
            return call.call(CallerIdentity.of(person));
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
