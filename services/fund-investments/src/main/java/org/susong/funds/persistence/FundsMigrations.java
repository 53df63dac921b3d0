package org.susong.funds.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;

/**
 * The stored formats of fund-investments and the steps from older ones (issue 21 item 6, run by commons'
 * SchemaMigrations before the consumers, the resumer and the sweeper start).
 */
@ApplicationScoped
public class FundsMigrations implements ServiceMigrations {

    private final FundRepository funds;

    FundsMigrations(FundRepository funds) {
        this.funds = funds;
    }

    @Override
    public Map<String, Integer> formatVersions() {
        return Map.of(FundRepository.COLLECTION, 2, InvestmentRepository.COLLECTION, 1, ConversionRepository.COLLECTION, 1,
                CapitalMovementRepository.COLLECTION, 1, PortfolioRepository.COLLECTION, 1, "daily_totals", 1,
                ValuationRepository.COLLECTION, 1);
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("0001-fund-capital-by-source",
                "funds of the first seed format (capital an array) get capital by source, called, uncommitted and converted",
                db -> funds.migrateFirstFormat()));
    }
}
