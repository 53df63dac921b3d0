package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Payments' imports of the bank's files, a client of their own ({@code quarkus.rest-client.payments-bank-files.*}: the
 * payments URL, a longer read timeout): a city's statement takes payments longer to read and book than the pages'
 * 10 s, and a page that says "cannot be reached" while the import goes on invites a second one.
 */
@RegisterRestClient(configKey = "payments-bank-files")
@Produces(MediaType.APPLICATION_JSON)
public interface BankFilesClient {

    /**
     * {@code importStatement} (camt.053) or {@code importStatusReport} (pain.002), duty {@code bank-file-importer}: the
     * file's bytes as sent; the same file again answers the same report; malformed 400, another account or nothing
     * matched 422, another file under the same id 409.
     */
    @POST
    @Path("/reconciliation/{kind}")
    @Consumes(MediaType.APPLICATION_XML)
    BankFile importBankFile(@BeanParam CallerIdentity as, @PathParam("kind") String kind, byte[] xml);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("payments", response);
    }
}
