package org.susong.techcontracts.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Uscc;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.infra.local.LocalInfraTestResource;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;

/**
 * Bulk registration called directly, with a service instance of two rows per chunk, so that a small
 * file crosses chunks. USCC series "BK".
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BulkImportTest {

    static final Principal REGISTRAR = new Principal("registrar-bulk", Set.of(ContractService.REGISTRAR),
            Optional.empty(), Optional.empty());

    @Inject
    ContractRepository contracts;
    @Inject
    RegistrationCounter counter;
    @Inject
    RegistrationConfig config;
    @Inject
    ReferenceData reference;
    @Inject
    ContractWriter writer;
    @Inject
    Clock clock;

    BulkService service(ContractRepository repository, int chunkRows) {
        return new BulkService(repository, counter, Configs.with(config, Map.of("bulkChunkRows", chunkRows)), reference, writer, clock);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(BusinessClock.ZONE));
    }

    static String uscc(int n) {
        String first17 = "91350200BK" + String.format("%07d", n);
        return first17 + Uscc.checkCharacterFor(first17);
    }

    ContractCommand local(int n) {
        return new ContractCommand("Bulk row " + n, "SERVICE", new ContractCommand.PartyInput(uscc(n), null, null, null),
                new ContractCommand.PartyInput(uscc(n + 1), null, null, null), "Jimei", today().minusDays(9), null, null,
                1_000_000L, 900_000L, List.of(), List.of(), null, null);
    }

    ContractCommand imported(int n, String number, LocalDate registeredOn) {
        ContractCommand c = local(n);
        return new ContractCommand(c.title(), c.type(), c.seller(), c.buyer(), c.sellerDistrict(), c.signingDate(), null,
                null, c.contractAmountFen(), c.technicalTransactionAmountFen(), List.of(), List.of(), number, registeredOn);
    }

    String number(long serial) {
        return RegistrationNumber.of(today().getYear(), config.registryCode(), serial).value();
    }

    /** The registration number the store holds for the contract of this command, if it is stored. */
    Optional<String> stored(ContractCommand c) {
        String key = ContractInput.prepare(c, REGISTRAR, reference, today()).terms().duplicateKey();
        return contracts.findIdByDuplicateKey(key).flatMap(contracts::find)
                .map(s -> s.contract().registrationNumber().value());
    }

    @Test
    void a_mixed_file_gives_every_contract_its_own_number_in_any_order_and_across_chunks() {
        long last = counter.next(config.registryCode(), today().getYear());
        List<BulkService.Row> rows = new ArrayList<>();
        List<ContractCommand> commands = List.of(
                local(100),                                      // chunk 1
                imported(102, number(last + 1), today()),        // chunk 1: the serial the local row above would take
                local(104),                                      // chunk 2
                local(106),                                      // chunk 2
                imported(108, number(last + 3), today()),        // chunk 3: a serial an earlier chunk would take
                local(110));                                     // chunk 3
        for (int i = 0; i < commands.size(); i++) {
            rows.add(new BulkService.Row(i + 2, commands.get(i), null));
        }

        BulkService.Report report = service(contracts, 2).register(REGISTRAR, rows);

        assertEquals(List.of(), report.problems());
        assertEquals(6, report.registered());
        Set<String> numbers = new HashSet<>();
        for (ContractCommand c : commands) {
            String n = stored(c).orElseThrow(() -> new AssertionError(c.title() + " is not stored"));
            assertTrue(numbers.add(n), n + " given twice");
            if (c.registrationNumber() != null) {
                assertEquals(c.registrationNumber(), n);
            }
        }
    }
}
