package org.susong.techcontracts.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.FailingStore;

/**
 * Bulk registration called directly, with a service instance of two rows per chunk, so that a small
 * file crosses chunks. USCC series "BK".
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BulkImportTest extends ServiceInstances {

    @Inject
    MongoClient mongo;
    @Inject
    OutboxConfig outbox;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    BulkService service(ContractRepository repository, int chunkRows) {
        return new BulkService(repository, counter, config(Map.of("bulkChunkRows", chunkRows)), reference, writer, clock);
    }

    static String uscc(int n) {
        return uscc("BK", n);
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

    @Test
    void a_row_refused_late_does_not_block_the_same_contract_later_in_the_file() {
        ContractCommand good = imported(200, number(counter.next(config.registryCode(), today().getYear())), today());
        // the same contract, registered (it says) before it was signed: refused
        ContractCommand bad = imported(200, good.registrationNumber(), good.signingDate().minusDays(1));
        BulkService.Report report = service(contracts, 2).register(REGISTRAR,
                List.of(new BulkService.Row(2, bad, null), new BulkService.Row(3, good, null)));

        assertEquals(1, report.registered(), report.toString());
        assertEquals(1, report.problems().size(), report.toString());
        assertEquals(2, report.problems().get(0).line());
        assertEquals(422, report.problems().get(0).status());
        assertEquals(Optional.of(good.registrationNumber()), stored(good));
    }

    @Test
    void a_store_error_mid_file_answers_a_partial_report_and_a_rerun_stores_the_rest() {
        List<BulkService.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new BulkService.Row(i + 2, local(300 + 2 * i), null));
        }
        FailingStore failing = new FailingStore(mongo, database, outbox, 2);

        BulkService.Report report = service(failing, 2).register(REGISTRAR, rows);

        // chunk 1 (lines 2, 3) stored; chunk 2 failed; chunk 3 not reported as stored
        assertEquals(2, report.registered(), report.toString());
        assertTrue(stored(local(300)).isPresent() && stored(local(302)).isPresent());
        assertTrue(stored(local(304)).isEmpty() && stored(local(306)).isEmpty());
        List<Integer> notStored = report.problems().stream().filter(p -> p.status() >= 500)
                .map(BulkService.RowReport::line).toList();
        assertEquals(List.of(4, 5), notStored.subList(0, 2), report.toString());
        for (BulkService.RowReport p : report.problems()) {
            assertTrue(p.line() >= 4, p.toString());
        }
        assertTrue(stored(local(308)).isEmpty() == notStored.contains(6), report.toString());

        // the file again: what was stored is a duplicate, the rest is registered
        BulkService.Report again = service(contracts, 2).register(REGISTRAR, rows);
        assertEquals(5 - report.registered(), again.registered(), again.toString());
        assertEquals(report.registered(), again.duplicates(), again.toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(stored(local(300 + 2 * i)).isPresent());
        }
    }
}
