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
 * withdrawal or recovery repayment has waited ({@link PendingIntents}; alert: past the resume delay). A failed read
 * (a store outage) turns every series to NaN, "unknown", until the next good read, rather than keeping values from
 * before the outage that would say no order is stuck while nothing can be read (review checklist: gauges during an
 * outage); the intents' series through commons' {@link PendingIntents#refresh}.
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
    /** The budget lines' series as last read: the ones that read NaN when a read fails. */
    private volatile List<Tags> lineSeries = List.of();

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
        Instant now = clock.instant();
        try {
            List<BudgetLineRepository.Line> all = lines.all();
            List<AuditReads.OrderRow> rows = reads.orders();
            refreshLines(all);
            refreshOrders(rows, now);
        } catch (RuntimeException e) {
            unknown();
            LOG.warnf("reading the operations gauges failed, the series read NaN until the next read: %s", e.toString());
        }
        intents.refresh(List.of(AllocationRepository.COLLECTION, WithdrawalRepository.COLLECTION, RecoveryRepository.COLLECTION),
                () -> reads.otherIntents().stream().filter(AuditReads.IntentRow::pending)
                        .map(i -> new PendingIntents.Pending(i.collection(), i.since())).toList(), now);
    }

    /** Every line and order series reads NaN: the store could not be read. */
    private void unknown() {
        for (MultiGauge gauge : List.of(allocated, reserved, disbursed, available)) {
            gauge.register(lineSeries.stream().<MultiGauge.Row<?>>map(t -> MultiGauge.Row.of(t, Double.NaN)).toList(), true);
        }
        for (MultiGauge gauge : List.of(orders, oldestOrder)) {
            gauge.register(EnumSet.complementOf(EnumSet.copyOf(FINAL)).stream().<MultiGauge.Row<?>>map(state ->
                    MultiGauge.Row.of(Tags.of("state", state.name()), Double.NaN)).toList(), true);
        }
    }

    private void refreshLines(List<BudgetLineRepository.Line> all) {
        List<MultiGauge.Row<?>> a = new ArrayList<>();
        List<MultiGauge.Row<?>> r = new ArrayList<>();
        List<MultiGauge.Row<?>> d = new ArrayList<>();
        List<MultiGauge.Row<?>> v = new ArrayList<>();
        List<Tags> series = new ArrayList<>();
        for (BudgetLineRepository.Line line : all) {
            Tags tags = Tags.of("line", line.id(), "year", Integer.toString(line.year()), "measure", line.measureCode());
            series.add(tags);
            a.add(MultiGauge.Row.of(tags, line.allocatedFen()));
            r.add(MultiGauge.Row.of(tags, line.reservedFen()));
            d.add(MultiGauge.Row.of(tags, line.disbursedFen()));
            v.add(MultiGauge.Row.of(tags, line.availableFen()));
        }
        allocated.register(a, true);
        reserved.register(r, true);
        disbursed.register(d, true);
        available.register(v, true);
        lineSeries = List.copyOf(series);
    }

    private void refreshOrders(List<AuditReads.OrderRow> rows, Instant now) {
        Map<OrderState, long[]> byState = new EnumMap<>(OrderState.class); // count, oldest age in seconds
        for (OrderState state : EnumSet.complementOf(EnumSet.copyOf(FINAL))) {
            byState.put(state, new long[2]);
        }
        for (AuditReads.OrderRow o : rows) {
            long[] seen = byState.get(o.state());
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
    }
}
