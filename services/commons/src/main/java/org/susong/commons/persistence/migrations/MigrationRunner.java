package org.susong.commons.persistence.migrations;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.susong.commons.persistence.MongoErrors;

/**
 * Runs a service's pending {@link Migration}s in id order against its database and records them in
 * {@value #COLLECTION} (issue 21 item 6). Several replicas may start at once:
 * <ul>
 *   <li><b>claim</b>: a replica runs a step only after inserting {@code {_id: <migration id>, state: RUNNING, owner,
 *   leaseUntil}}; the unique {@code _id} lets one insert win, the others wait until the record says {@code DONE}.</li>
 *   <li><b>lease</b>: the owner renews {@code leaseUntil} every third of {@code lease} while its step runs. A replica
 *   that crashed mid-step stops renewing; once the lease has passed, a waiting or restarted replica takes the claim
 *   over (a conditional update on the expired lease it read) and runs the step again from the start, which is safe
 *   because steps are idempotent. A step that throws drops its claim and stops the start (the next start retries).</li>
 *   <li><b>format versions</b>: after the steps, each collection's document-format version is recorded
 *   ({@code _id: "format:<collection>"}). A database that records a higher version than this build knows was written
 *   by a newer build: the run refuses it before changing anything.</li>
 * </ul>
 * Lease times are wall-clock instants compared across replicas, not business dates.
 */
public final class MigrationRunner {

    public static final String COLLECTION = "schema_migrations";
    static final String FORMAT_PREFIX = "format:";
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    private final MongoDatabase database;
    private final MongoCollection<Document> records;
    private final Clock clock;
    private final Duration lease;
    private final Duration poll;
    private final String owner;

    public MigrationRunner(MongoDatabase database, Clock clock, Duration lease, Duration poll, String owner) {
        this.database = database;
        this.records = database.getCollection(COLLECTION);
        this.clock = clock;
        this.lease = lease;
        this.poll = poll;
        this.owner = owner;
    }

    /** What a run did: the steps this replica ran, and those it found done (by an earlier start or another replica). */
    public record Report(List<String> ran, List<String> alreadyDone) {
    }

    /** A database written by a newer build, or steps declared out of order. */
    public static final class RefusedToMigrate extends IllegalStateException {
        RefusedToMigrate(String message) {
            super(message);
        }
    }

    public Report run(ServiceMigrations declared) {
        List<Migration> migrations = declared.migrations();
        checkOrder(migrations);
        checkNotNewer(declared.formatVersions());
        List<String> ran = new ArrayList<>();
        List<String> alreadyDone = new ArrayList<>();
        for (Migration m : migrations) {
            if (claim(m)) {
                apply(m);
                ran.add(m.id());
            } else {
                alreadyDone.add(m.id());
            }
        }
        declared.formatVersions().forEach((collection, version) -> records.updateOne(
                Filters.eq("_id", FORMAT_PREFIX + collection),
                Updates.combine(Updates.set("collection", collection), Updates.max("formatVersion", version)),
                new UpdateOptions().upsert(true)));
        return new Report(ran, alreadyDone);
    }

    private static void checkOrder(List<Migration> migrations) {
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (Migration m : migrations) {
            if (!seen.add(m.id()) || m.id().compareTo(previous) <= 0) {
                throw new RefusedToMigrate("migrations must be declared in strictly increasing id order: " + m.id()
                        + " comes after " + previous);
            }
            previous = m.id();
        }
    }

    private void checkNotNewer(Map<String, Integer> known) {
        List<String> newer = new ArrayList<>();
        for (Document f : records.find(Filters.exists("collection"))) {
            String collection = f.getString("collection");
            int stored = f.getInteger("formatVersion", 0);
            Integer mine = known.get(collection);
            if (mine != null && stored > mine) {
                newer.add(collection + " is at format " + stored + ", this build knows " + mine);
            }
        }
        if (!newer.isEmpty()) {
            throw new RefusedToMigrate("the database " + database.getName() + " was written by a newer build ("
                    + String.join("; ", newer) + "): start that build, or restore a backup of this one's data");
        }
    }

    /**
     * @return true when this replica now holds the claim and must run the step; false when the step is done
     */
    private boolean claim(Migration m) {
        boolean waiting = false;
        while (true) {
            Document record = records.find(Filters.eq("_id", m.id())).first();
            Instant now = clock.instant();
            if (record == null) {
                try {
                    records.insertOne(new Document("_id", m.id()).append("description", m.description())
                            .append("state", RUNNING).append("owner", owner).append("claimedAt", Date.from(now))
                            .append("leaseUntil", Date.from(now.plus(lease))));
                    return true;
                } catch (MongoException e) {
                    if (!MongoErrors.isDuplicateKey(e)) {
                        throw e;
                    }
                    continue; // another replica claimed it between our read and our insert
                }
            }
            if (DONE.equals(record.getString("state"))) {
                return false;
            }
            Date until = record.getDate("leaseUntil");
            if (until != null && !until.toInstant().isAfter(now)) {
                // its owner stopped renewing (crashed mid-step): take over on exactly the lease we read
                long taken = records.updateOne(Filters.and(Filters.eq("_id", m.id()), Filters.eq("state", RUNNING),
                                Filters.eq("owner", record.getString("owner")), Filters.eq("leaseUntil", until)),
                        Updates.combine(Updates.set("owner", owner), Updates.set("takenOverFrom", record.getString("owner")),
                                Updates.set("claimedAt", Date.from(now)), Updates.set("leaseUntil", Date.from(now.plus(lease)))))
                        .getModifiedCount();
                if (taken == 1) {
                    LOG.warnf("migration %s: the claim of %s expired (crashed mid-step?); running it again", m.id(),
                            record.getString("owner"));
                    return true;
                }
                continue;
            }
            if (!waiting) {
                LOG.infof("migration %s is being run by %s; waiting", m.id(), record.getString("owner"));
                waiting = true;
            }
            sleep();
        }
    }

    private void apply(Migration m) {
        LOG.infof("migration %s: %s", m.id(), m.description());
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-lease-" + m.id());
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        renewer.scheduleAtFixedRate(() -> renew(m), every, every, TimeUnit.MILLISECONDS);
        long changed;
        try {
            changed = m.step().apply(database);
        } catch (RuntimeException e) {
            renewer.shutdownNow();
            records.deleteOne(Filters.and(Filters.eq("_id", m.id()), Filters.eq("owner", owner), Filters.eq("state", RUNNING)));
            throw new IllegalStateException("migration " + m.id() + " failed; the start stops and the next one retries it", e);
        }
        renewer.shutdownNow();
        long recorded = records.updateOne(Filters.and(Filters.eq("_id", m.id()), Filters.eq("state", RUNNING)),
                Updates.combine(Updates.set("state", DONE), Updates.set("appliedAt", Date.from(clock.instant())),
                        Updates.set("appliedBy", owner), Updates.set("changed", changed), Updates.unset("leaseUntil")))
                .getModifiedCount();
        LOG.infof("migration %s done: %d documents changed%s", m.id(), changed,
                recorded == 1 ? "" : " (another replica recorded it first)");
    }

    private void renew(Migration m) {
        try {
            records.updateOne(Filters.and(Filters.eq("_id", m.id()), Filters.eq("owner", owner), Filters.eq("state", RUNNING)),
                    Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))));
        } catch (RuntimeException e) {
            LOG.warnf("migration %s: lease not renewed (%s)", m.id(), e.toString());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another replica's migration", e);
        }
    }
}
