package org.susong.payments.application;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonValue;

/**
 * The driver's commands on the service's own client, counted by caller, command and collection while a test records
 * (Quarkus registers every {@link CommandListener} class with the service's MongoClient). A bulk write of many
 * statements is one command, one round trip. The caller is the recording thread (the steps the test drives) or
 * the outbox relay's threads; anything else (consumers, the sweeper) is "other".
 */
public class StoreCommands implements CommandListener {

    /** Commands that write to the store. */
    public static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    public static final String STEPS = "steps";
    public static final String RELAY = "relay";
    public static final String OTHER = "other";

    private static volatile Thread recording;
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    /** Starts counting afresh; the calling thread's commands are the steps'. */
    public static void record() {
        COUNTS.clear();
        recording = Thread.currentThread();
    }

    public static void stop() {
        recording = null;
    }

    /** Counts by {@code caller command collection}, sorted. */
    public static Map<String, Integer> counts() {
        Map<String, Integer> sorted = new TreeMap<>();
        COUNTS.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }

    /** Write commands of a caller on a collection. */
    public static int writes(String caller, String collection) {
        int sum = 0;
        for (String command : WRITES) {
            AtomicInteger n = COUNTS.get(caller + " " + command + " " + collection);
            sum += n == null ? 0 : n.get();
        }
        return sum;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        Thread thread = recording;
        if (thread == null) {
            return;
        }
        String caller = Thread.currentThread() == thread ? STEPS
                : Thread.currentThread().getName().startsWith("outbox-relay") ? RELAY : OTHER;
        BsonValue target = event.getCommand().get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "-";
        COUNTS.computeIfAbsent(caller + " " + event.getCommandName() + " " + collection, k -> new AtomicInteger())
                .incrementAndGet();
    }
}
