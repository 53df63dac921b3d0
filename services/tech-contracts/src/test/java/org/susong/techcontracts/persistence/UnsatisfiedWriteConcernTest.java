package org.susong.techcontracts.persistence;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.TransientFailure;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.Contracts;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;
import org.susong.testing.UnsatisfiedWriteConcern;

/**
 * A bulk registration the store did not confirm durable (a write concern error, with no write error or with duplicate
 * keys only) is a transient failure (the bulk registration reports the chunk's rows NOT_STORED, to be run again),
 * never contracts answered as filed.
 */
class UnsatisfiedWriteConcernTest {

    @Test
    void a_bulk_registration_not_known_durable_is_not_answered_as_filed() {
        List<ContractRepository.NewContract> batch = List.of(contract("TC-1", 1), contract("TC-2", 2));
        assertThrows(TransientFailure.class,
                () -> new ContractRepository(UnsatisfiedWriteConcern.database(), null).insertAll(batch));
        assertThrows(TransientFailure.class,
                () -> new ContractRepository(UnsatisfiedWriteConcern.database(1), null).insertAll(batch),
                "one contract was filed before: the other is not known to be filed either");
    }

    private static ContractRepository.NewContract contract(String id, long serial) {
        TechContract.Change registered = TechContract.registerDirectly(id, Contracts.development(), BricsStatus.NONE,
                List.of(), RegistrationNumber.of(2026, "3502", serial), Instant.parse("2026-11-29T02:00:00Z"),
                Contracts.TODAY, "registrar-1;officer;;");
        return new ContractRepository.NewContract(registered.contract(), List.of());
    }
}
