package org.susong.commons.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys whose first request is still being served by this instance: a repeat arriving
 * meanwhile is answered 409 instead of racing it. Across instances the unique index on the key
 * decides (the later insert loses and answers as a replay of the winner), so no key ever makes two
 * applications or contracts; the registry only turns that race into a clear answer where it can see it.
 */
@ApplicationScoped
public class IdempotencyInFlight {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** False when a request with this key is already in progress. */
    public boolean begin(String scopedKey) {
        return keys.add(scopedKey);
    }

    public void end(String scopedKey) {
        keys.remove(scopedKey);
    }
}
