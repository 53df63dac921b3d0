package org.susong.payments.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;
import org.susong.payments.domain.Recovery;

/** The stored formats of payments and the steps from older ones (issue 21 item 6, run by commons' SchemaMigrations). */
@ApplicationScoped
public class PaymentsMigrations implements ServiceMigrations {

    private final RecoveryRepository recoveries;
    private final OrderRepository orders;

    PaymentsMigrations(RecoveryRepository recoveries, OrderRepository orders) {
        this.recoveries = recoveries;
        this.orders = orders;
    }

    @Override
    public Map<String, Integer> formatVersions() {
        return Map.ofEntries(Map.entry(OrderRepository.COLLECTION, 1), Map.entry(BudgetLineRepository.COLLECTION, 1),
                Map.entry(AllocationRepository.COLLECTION, 1), Map.entry(WithdrawalRepository.COLLECTION, 1),
                Map.entry(RecoveryRepository.COLLECTION, 2), Map.entry(SupersessionRepository.COLLECTION, 1),
                Map.entry("adjustment_day_totals", 1), Map.entry("bank_files", 1), Map.entry("batches", 1),
                Map.entry("payees", 1));
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("0001-recovery-district",
                "recoveries stored before they carried a district (issue 13) get their order's", db -> recoveryDistricts()));
    }

    /** Idempotent: only recoveries without a district are read, and each update is conditional on it still missing. */
    long recoveryDistricts() {
        long changed = 0;
        for (Recovery r : recoveries.withoutDistrict()) {
            String district = orders.find(r.orderId()).map(o -> o.order().districtCode()).orElse(null);
            if (district != null) {
                changed += recoveries.setDistrict(r.id(), district);
            }
        }
        return changed;
    }
}
