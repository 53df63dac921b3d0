package org.susong.techcontracts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.susong.techcontracts.domain.Contracts.BUYER;
import static org.susong.techcontracts.domain.Contracts.SELLER;
import static org.susong.techcontracts.domain.Contracts.TODAY;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.techcontracts.domain.ContractRuleViolation.Term;

class TechContractTest {

    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z"); // 10:00 in Xiamen
    private static final RegistrationNumber NUMBER = RegistrationNumber.of(2026, "3502", 1);

    private static TechContract.Change register(ContractTerms terms) {
        return TechContract.registerDirectly("TC-1", terms, BricsStatus.NONE, List.of(), NUMBER, NOW, TODAY,
                "registrar-1;officer;;");
    }

    private static Term refused(ContractTerms terms) {
        return assertThrows(ContractRuleViolation.class, () -> register(terms)).term();
    }

    // -- registration numbers ---------------------------------------------------------------

    @Test
    void a_registration_number_is_year_registry_code_and_an_eight_digit_serial() {
        // given the 42nd registration of 2026 in Xiamen's registry
        // when the number is made
        RegistrationNumber number = RegistrationNumber.of(2026, "3502", 42);
        // then it has 16 digits and reads back into its parts
        assertEquals("2026350200000042", number.value());
        assertEquals(RegistrationNumber.LENGTH, number.value().length());
        assertEquals(2026, number.year());
        assertEquals("3502", number.registryCode());
        assertEquals(42, number.serial());
    }

    @Test
    void the_serial_holds_far_more_than_a_year_of_xiamen_contracts() {
        // 8,025 contracts were registered in 2023 (docs/policy.md): eight digits leave room to spare
        assertEquals("2026350200008025", RegistrationNumber.of(2026, "3502", 8_025).value());
        assertEquals("2026350299999999", RegistrationNumber.of(2026, "3502", RegistrationNumber.MAX_SERIAL).value());
        assertThrows(IllegalArgumentException.class, () -> RegistrationNumber.of(2026, "3502", 100_000_000L));
        assertThrows(IllegalArgumentException.class, () -> RegistrationNumber.of(2026, "3502", 0));
    }

    @Test
    void a_registration_number_of_the_wrong_shape_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> RegistrationNumber.of(2026, "35", 1));
        assertThrows(IllegalArgumentException.class, () -> RegistrationNumber.of(2026, "35O2", 1));
        assertThrows(IllegalArgumentException.class, () -> RegistrationNumber.of(26, "3502", 1));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationNumber("202635020000004"));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationNumber("2026-3502-000042"));
    }

    @Test
    void a_contract_registered_today_carries_its_number_and_says_so_in_its_event() {
        // given valid terms
        ContractTerms terms = Contracts.development();
        // when registered
        TechContract.Change registration = register(terms);
        // then the contract is registered under the number, and the event repeats what was agreed
        assertEquals(ContractStatus.REGISTERED, registration.contract().status());
        assertEquals(NUMBER, registration.contract().registrationNumber());
        assertEquals(TODAY, registration.contract().registeredOn());
        TechContractEvent.Registered event = (TechContractEvent.Registered) registration.events().get(0);
        assertEquals(1, registration.events().size());
        assertEquals("TC-1", event.contractId());
        assertEquals(NUMBER, event.registrationNumber());
        assertEquals(SELLER, event.terms().seller().uscc());
        assertEquals(BUYER, event.terms().buyer().uscc());
        assertEquals(District.HULI, event.terms().sellerDistrict());
        assertEquals(Money.ofYuan(2_100_000), event.terms().technicalTransactionAmount());
        assertEquals(TODAY, event.registeredOn());
        assertEquals(false, event.imported());
    }

    @Test
    void a_number_of_another_year_is_not_used() {
        RegistrationNumber lastYears = RegistrationNumber.of(2025, "3502", 9);
        assertThrows(IllegalArgumentException.class, () -> TechContract.registerDirectly("TC-1", Contracts.development(),
                BricsStatus.NONE, List.of(), lastYears, NOW, TODAY, "registrar-1"));
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void each_of_the_five_contract_types_is_registered(ContractType type) {
        // development, transfer, licensing, consulting and service contracts all count (docs/policy.md)
        assertEquals(type, register(Contracts.withType(type)).contract().terms().type());
    }

    // -- amounts (B3b rewards are computed on the technical transaction amount) ---------------

    @Test
    void the_technical_transaction_amount_may_equal_the_contract_amount() {
        assertEquals(ContractStatus.REGISTERED, register(Contracts.withAmounts(Money.ofYuan(5_000_000),
                Money.ofYuan(5_000_000))).contract().status());
    }

    @Test
    void the_technical_transaction_amount_may_not_exceed_the_contract_amount() {
        // one fen more than the contract is already too much
        assertEquals(Term.TECHNICAL_TRANSACTION_AMOUNT, refused(Contracts.withAmounts(Money.ofYuan(5_000_000),
                Money.ofFen(500_000_001L))));
    }

    @Test
    void amounts_must_be_positive() {
        assertEquals(Term.CONTRACT_AMOUNT, refused(Contracts.withAmounts(Money.ZERO, Money.ZERO)));
        assertEquals(Term.CONTRACT_AMOUNT, refused(Contracts.withAmounts(Money.ofFen(-1), Money.ofFen(1))));
        assertEquals(Term.TECHNICAL_TRANSACTION_AMOUNT, refused(Contracts.withAmounts(Money.ofYuan(10), Money.ZERO)));
        assertEquals(Term.TECHNICAL_TRANSACTION_AMOUNT, refused(Contracts.withAmounts(Money.ofYuan(10), Money.ofFen(-5))));
    }

    // -- dates and parties ------------------------------------------------------------------

    @Test
    void a_contract_signed_today_is_registered_and_one_signed_tomorrow_is_not() {
        assertEquals(TODAY, register(Contracts.withSigningDate(TODAY)).contract().terms().signingDate());
        assertEquals(Term.SIGNING_DATE, refused(Contracts.withSigningDate(TODAY.plusDays(1))));
    }

    @Test
    void seller_and_buyer_must_be_different_parties() {
        assertEquals(Term.BUYER, refused(Contracts.withParties(SELLER, SELLER)));
    }

    @Test
    void two_foreign_parties_are_not_registered_here_and_a_foreign_seller_is_an_import() {
        Party german = Party.foreign("Fraunhofer-Gesellschaft", "DE");
        Party brazilian = Party.foreign("Embrapa", "BR");
        assertEquals(Term.BUYER, refused(Contracts.withParties(german, brazilian)));
        ContractTerms imported = Contracts.withParties(german, Party.domestic(BUYER));
        assertEquals(true, imported.isImport());
        assertEquals(true, imported.isForeign());
        assertEquals(ContractStatus.REGISTERED, register(imported).contract().status());
    }

    // -- the duplicate guard's key -----------------------------------------------------------

    @Test
    void the_same_parties_date_and_amounts_are_the_same_contract_whatever_the_title() {
        assertEquals(Contracts.development().duplicateKey(), Contracts.withTitle("another wording").duplicateKey());
        assertNotEquals(Contracts.development().duplicateKey(), Contracts.withAmounts(Money.ofYuan(2_500_000),
                Money.ofYuan(2_000_000)).duplicateKey());
        assertNotEquals(Contracts.development().duplicateKey(), Contracts.withParties(BUYER, SELLER).duplicateKey());
        assertNotEquals(Contracts.development().duplicateKey(),
                Contracts.withSigningDate(TODAY.minusDays(1)).duplicateKey());
    }
}
