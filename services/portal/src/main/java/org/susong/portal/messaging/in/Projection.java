package org.susong.portal.messaging.in;

import java.util.Set;
import org.susong.commons.messaging.InboundEvent;

/**
 * A read model the portal keeps from the public events ({@link EventsConsumer} hands each event to every projection
 * that reads its type; the evaluation's and the applicants' inbox's). {@link #apply} must be
 * idempotent: the same event again, in any redelivery, changes nothing; an event it cannot read throws commons'
 * {@code PermanentFailure} (dead-lettered), a store outage is retried in place by commons' {@code EventConsumer}.
 */
public interface Projection {

    /** The CloudEvents types it reads; the others are not given to it. */
    Set<String> types();

    void apply(InboundEvent event);

    /**
     * Its place among the projections of one type (lowest first): an event a later one refuses is dead-lettered after
     * the earlier ones applied it (idempotently: a replay changes nothing there).
     */
    default int order() {
        return 0;
    }
}
