package org.susong.techcontracts.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;

/**
 * The stored formats of tech-contracts (issue 21 item 6, run by commons' SchemaMigrations): every collection is at its
 * first format, so no step yet; the run stamps the versions, from which a later format change counts.
 */
@ApplicationScoped
public class TechContractsMigrations implements ServiceMigrations {

    @Override
    public Map<String, Integer> formatVersions() {
        return Map.of(ContractRepository.COLLECTION, 1, "registration_counters", 1);
    }

    @Override
    public List<Migration> migrations() {
        return List.of();
    }
}
