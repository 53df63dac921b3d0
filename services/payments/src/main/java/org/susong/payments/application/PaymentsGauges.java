package org.susong.payments.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.metrics.PendingIntents;
import org.susong.payments.domain.OrderState;
import org.susong.payments.persistence.AllocationRepository;
import org.susong.payments.persistence.AuditReads;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.RecoveryRepository;
import org.susong.payments.persistence.WithdrawalRepository;

/**
 * What operations watch in payments (issue 17), read from the store every {@code susong.payments.gauges-every}
 * (30 s) rather than at each scrape: per budget line its allocated, reserved, disbursed and available fen
 * (alert: under 10 % available), per non-final order state how many orders and how long the oldest has been
 * in it (alert: past the state's window), and per intent collection how long the oldest pending allocation,
 * withdrawal or recovery repayment has waited ({@link PendingIntents}; alert: past the resume delay). A failed read keeps the last values and is logged.
 */
@ApplicationScoped
public class PaymentsGauges {

    private static final Logger LOG = Logger.getLogger(PaymentsGauges.class);
    private static final Set<OrderState> FINAL = EnumSet.of(OrderState.SETTLED, OrderState.CONVERTED, OrderState.RETURNED,
            OrderState.RELEASED);

    private final BudgetLineRepository lines;
    private final AuditReads reads;
    private final Clock clock;
    private final MultiGauge allocated;
    private final MultiGauge reserved;
    private final MultiGauge disbursed;
    private final MultiGauge available;
    private final MultiGauge orders;
    private final MultiGauge oldestOrder;
    private final PendingIntents intents;

    PaymentsGauges(BudgetLineRepository lines, AuditReads reads, Clock clock, MeterRegistry registry) {
        this.lines = lines;
        this.reads = reads;
        this.clock = clock;
        this.allocated = MultiGauge.builder("susong.budget.line.allocated.fen").description("fen allocated to a budget line")
                .register(registry);
        this.reserved = MultiGauge.builder("susong.budget.line.reserved.fen").description("fen reserved on a budget line")
                .register(registry);
        this.disbursed = MultiGauge.builder("susong.budget.line.disbursed.fen").description("fen disbursed from a budget line")
                .register(registry);
        this.available = MultiGauge.builder("susong.budget.line.available.fen").description("fen still available on a budget line")
                .register(registry);
        this.orders = MultiGauge.builder("susong.payments.orders").description("payment orders in a non-final state")
                .register(registry);
        this.oldestOrder = MultiGauge.builder("susong.payments.orders.oldest.seconds")
                .description("how long the oldest order in a non-final state has been in it").register(registry);
        this.intents = new PendingIntents(registry);
    }

    @Scheduled(every = "${susong.payments.gauges-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            refreshLines();
            refreshOrders(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("reading the operations gauges failed, the last values stay: %s", e.getMessage());
        }
    }

    private void refreshLines() {
        List<MultiGauge.Row<?>> a = new ArrayList<>();
        List<MultiGauge.Row<?>> r = new ArrayList<>();
        List<MultiGauge.Row<?>> d = new ArrayList<>();
        List<MultiGauge.Row<?>> v = new ArrayList<>();
        for (BudgetLineRepository.Line line : lines.all()) {
            Tags tags = Tags.of("line", line.id(), "year", Integer.toString(line.year()), "measure", line.measureCode());
            a.add(MultiGauge.Row.of(tags, line.allocatedFen()));
            r.add(MultiGauge.Row.of(tags, line.reservedFen()));
            d.add(MultiGauge.Row.of(tags, line.disbursedFen()));
            v.add(MultiGauge.Row.of(tags, line.availableFen()));
        }
        allocated.register(a, true);
        reserved.register(r, true);
        disbursed.register(d, true);
        available.register(v, true);
    }

    private void refreshOrders(Instant now) {
        Map<OrderState, long[]> byState = new EnumMap<>(OrderState.class); // count, oldest age in seconds
        for (OrderState state : EnumSet.complementOf(EnumSet.copyOf(FINAL))) {
            byState.put(state, new long[2]);
        }
        for (AuditReads.OrderRow o : reads.orders()) {
            long[] seen = byState.get(OrderState.valueOf(o.state()));
            if (seen != null) {
                seen[0]++;
                seen[1] = Math.max(seen[1], AuditReport.age(o.updatedAt(), now));
            }
        }
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        byState.forEach((state, seen) -> {
            counts.add(MultiGauge.Row.of(Tags.of("state", state.name()), seen[0]));
            ages.add(MultiGauge.Row.of(Tags.of("state", state.name()), seen[1]));
        });
        orders.register(counts, true);
        oldestOrder.register(ages, true);
        intents.update(List.of(AllocationRepository.COLLECTION, WithdrawalRepository.COLLECTION, RecoveryRepository.COLLECTION),
                reads.otherIntents().stream().filter(i -> "PENDING".equals(i.state()) || "REPAYING".equals(i.state()))
                        .map(i -> new PendingIntents.Pending(i.collection(), i.since())).toList(), now);
    }
}
