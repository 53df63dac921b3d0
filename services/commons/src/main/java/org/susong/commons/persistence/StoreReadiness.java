package org.susong.commons.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the store, answered within {@code susong.health.store-timeout} (issue 15): a {@code ping} that does
 * not come back in time is DOWN. Quarkus' own MongoDB check (off: {@code quarkus.mongodb.health.enabled}) waits for
 * {@code quarkus.mongodb.read-timeout} or 30 s of server selection, so {@code /q/health/ready} hung on a frozen store (a
 * network partition, {@code kill -STOP}) instead of saying DOWN. The ping runs on the caller's thread under the driver's
 * client-side operation timeout ({@code timeoutMS}, which bounds server selection, connection checkout and the socket
 * read together): it ends, answered or not, within the timeout, so no thread is left waiting on a frozen store however
 * long it stays frozen, and the next call uses a fresh connection once the store is back.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private final MongoClient mongo;
    private final Duration timeout;

    StoreReadiness(MongoClient mongo, @ConfigProperty(name = "susong.health.store-timeout", defaultValue = "PT3S") Duration timeout) {
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("store");
        long started = System.nanoTime();
        try {
            mongo.getDatabase("admin").withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .runCommand(new Document("ping", 1));
            return response.up().build();
        } catch (MongoException e) {
            // a MongoOperationTimeoutException when the store did not answer in time
            return response.down().withData("error", e.getClass().getSimpleName() + " after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms (limit " + timeout.toMillis()
                    + " ms): " + e.getMessage()).build();
        }
    }
}
