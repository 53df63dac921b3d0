package org.susong.techcontracts.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.commons.rest.ProblemException;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;

/**
 * Imported numbers and the serial counter, on second instances of the services configured with
 * registry codes of their own (99xx), so that a counter pushed to its end here blocks no other test.
 * USCC series "RN".
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RegistryNumbersTest extends ServiceInstances {

    RegistrationConfig registry(String code) {
        return config(Map.of("registryCode", code));
    }

    ContractService filing(String code) {
        return new ContractService(contracts, counter, registry(code), reference, writer, clock);
    }

    static String uscc(int n) {
        return uscc("RN", n);
    }

    ContractCommand command(int n, String number, LocalDate registeredOn) {
        return new ContractCommand("Numbers row " + n, "CONSULTING", new ContractCommand.PartyInput(uscc(n), null, null, null),
                new ContractCommand.PartyInput(uscc(n + 1), null, null, null), "Siming", registeredOn.minusDays(3), null,
                null, 500_000L, 400_000L, List.of(), List.of(), number, registeredOn);
    }

    @Test
    void an_imported_number_must_belong_to_its_registration_year() {
        int year = today().getYear();
        String lastYear = RegistrationNumber.of(year - 1, "1101", 9_061).value();
        ProblemException e = assertThrows(ProblemException.class,
                () -> filing("9911").importRegistered(REGISTRAR, command(10, lastYear, today())));
        assertEquals(422, e.status());
        assertEquals("registrationNumber", e.field());
        // in a bulk file too
        BulkService bulk = new BulkService(contracts, counter, registry("9911"), reference, writer, clock);
        BulkService.Report report = bulk.register(REGISTRAR, List.of(new BulkService.Row(2, command(12, lastYear, today()),
                null)));
        assertEquals(0, report.registered(), report.toString());
        assertEquals(422, report.problems().get(0).status());
        assertEquals("registrationNumber", report.problems().get(0).field());
    }

    @Test
    void a_serial_of_this_registry_far_above_its_counter_is_refused_and_registration_goes_on() {
        int year = today().getYear();
        String mistyped = RegistrationNumber.of(year, "9912", RegistrationNumber.MAX_SERIAL).value();
        ContractService service = filing("9912");
        ProblemException e = assertThrows(ProblemException.class,
                () -> service.importRegistered(REGISTRAR, command(20, mistyped, today())));
        assertEquals(422, e.status());
        assertEquals("registrationNumber", e.field());
        BulkService bulk = new BulkService(contracts, counter, registry("9912"), reference, writer, clock);
        BulkService.Report report = bulk.register(REGISTRAR, List.of(new BulkService.Row(2, command(22, mistyped, today()),
                null)));
        assertEquals(0, report.registered(), report.toString());
        assertEquals(422, report.problems().get(0).status());
        assertEquals("registrationNumber", report.problems().get(0).field());

        // the next ordinary registration of this registry gets a number
        TechContract registered = service.file(REGISTRAR, command(24, null, today()));
        assertTrue(registered.registrationNumber().serial() < 1_000_000, registered.registrationNumber().value());
        // another registry's numbers are not this counter's business: any serial is taken as it is
        String other = RegistrationNumber.of(year, "1101", RegistrationNumber.MAX_SERIAL - 1).value();
        assertEquals(other, service.importRegistered(REGISTRAR, command(26, other, today())).registrationNumber().value());
    }

    @Test
    void when_the_serials_of_the_year_run_out_registration_answers_a_clear_error() {
        counter.atLeast("9913", today().getYear(), RegistrationNumber.MAX_SERIAL);
        ProblemException e = assertThrows(ProblemException.class,
                () -> filing("9913").file(REGISTRAR, command(30, null, today())));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("serial"), e.getMessage());
        assertFalse(contracts.findIdByDuplicateKey(ContractInput.prepare(command(30, null, today()), REGISTRAR, reference,
                today()).terms().duplicateKey()).isPresent());
    }

    @Test
    void a_number_collision_at_registration_names_the_holder_not_the_contract_itself() {
        // a number of registry 9914 stored without moving its counter (as before the counter was kept ahead)
        LocalDate today = today();
        RegistrationNumber taken = RegistrationNumber.of(today.getYear(), "9914", 1);
        ContractInput.Prepared held = ContractInput.prepare(command(40, taken.value(), today), REGISTRAR, reference, today);
        TechContract holder = TechContract.importRegistered("TC-NUMBERS-HOLDER", held.terms(), held.brics(), List.of(),
                taken, today, clock.instant(), today, "r").contract();
        assertTrue(contracts.insert(holder, List.of()));
        ContractInput.Prepared p = ContractInput.prepare(command(42, null, today), REGISTRAR, reference, today);
        TechContract submitted = TechContract.submit("TC-NUMBERS-SUBMITTED", p.terms(), p.brics(), List.of(),
                reference.rules().deadline(today, p.terms().technicalTransactionAmount(), reference.calendar()), today)
                .contract();
        assertTrue(contracts.insert(submitted, List.of()));

        ReviewService review = new ReviewService(contracts, counter, registry("9914"), reference, writer, clock);
        ProblemException e = assertThrows(ProblemException.class, () -> review.register(REGISTRAR, submitted.id()));
        assertEquals(409, e.status());
        assertEquals("/contracts/TC-NUMBERS-HOLDER", e.extensions().get("existingContract"), e.getMessage());
        assertFalse(e.getMessage().contains(submitted.id()), e.getMessage());
    }
}
