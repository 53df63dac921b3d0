package org.susong.commons.faults;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.bson.BsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A test-only fault point (issue 14): with {@code susong.faults.halt-after-writes=<collection>:<n>} (environment
 * {@code SUSONG_FAULTS_HALT_AFTER_WRITES}) the process halts with exit code 137 - {@link Runtime#halt}, as kill -9:
 * no shutdown hook, no ack, no flush - right after the store acknowledged the n-th write command (insert, update,
 * delete, findAndModify; a bulk write is one command per kind) on that collection of the service's database, before the
 * caller sees the answer. The end-to-end tests use it to kill a consumer between two writes of a batch. Absent by
 * default; in the {@code prod} profile a service with it set refuses to start. Quarkus registers every
 * {@link CommandListener} class with the service's MongoClient.
 */
@Singleton
public class HaltAfterWrites implements CommandListener {

    static final String SETTING = "susong.faults.halt-after-writes";
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    private static final Logger LOG = Logger.getLogger(HaltAfterWrites.class);

    private final Optional<String> setting;
    private final String collection;
    private final int n;
    private final IntConsumer halt;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

    @Inject
    HaltAfterWrites(@ConfigProperty(name = SETTING) Optional<String> setting) {
        this(setting, ConfigUtils.getProfiles(), code -> Runtime.getRuntime().halt(code));
    }

    /** Armed when {@code setting} is given outside {@code prod} (where the start is refused, {@link #refuseIn}). */
    HaltAfterWrites(Optional<String> setting, List<String> profiles, IntConsumer halt) {
        this.setting = setting;
        this.halt = halt;
        if (setting.isEmpty() || setting.get().isBlank() || profiles.contains("prod")) {
            collection = null;
            n = 0;
            return;
        }
        String[] parts = setting.get().trim().split(":");
        int count = parts.length == 2 ? parseCount(parts[1]) : 0;
        if (parts.length != 2 || parts[0].isBlank() || count < 1) {
            throw new IllegalArgumentException(SETTING + "='" + setting.get() + "': expected <collection>:<n>, n >= 1");
        }
        collection = parts[0];
        n = count;
        LOG.warnf("test-only fault point armed: the process halts (exit 137) after the store acknowledged write %d on"
                + " collection %s (%s)", n, collection, SETTING);
    }

    private static int parseCount(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void check(@Observes StartupEvent start) {
        refuseIn(ConfigUtils.getProfiles(), setting);
    }

    /** A fault point that kills the process has no place in production: the start is refused, with the reason. */
    static void refuseIn(List<String> profiles, Optional<String> setting) {
        if (profiles.contains("prod") && setting.filter(s -> !s.isBlank()).isPresent()) {
            throw new IllegalStateException(SETTING + " is set in the prod profile: it is a test-only fault point that"
                    + " halts the process after a number of store writes, so this service refuses to start. Unset it"
                    + " (and SUSONG_FAULTS_HALT_AFTER_WRITES); see docs/architecture.md, Packages and tests.");
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (collection != null && WRITES.contains(event.getCommandName())) {
            BsonValue target = event.getCommand().get(event.getCommandName());
            if (target != null && target.isString() && collection.equals(target.asString().getValue())) {
                inFlight.add(event.getRequestId());
            }
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (collection != null && inFlight.remove(event.getRequestId()) && acknowledged.incrementAndGet() == n) {
            System.err.printf("susong fault point: halting (exit 137) after acknowledged write %d on %s (%s)%n", n,
                    collection, SETTING);
            halt.accept(137);
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        if (collection != null) {
            inFlight.remove(event.getRequestId());
        }
    }
}
