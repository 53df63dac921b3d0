package org.susong.techcontracts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/** BRICS standing is effective-dated: members and partner countries change (docs/policy.md). */
class BricsReferenceTest {

    static final BricsReference BRICS = Reference.brics();

    @Test
    void founding_members_and_south_africa() {
        assertEquals(BricsStatus.MEMBER, BRICS.statusOn("BR", LocalDate.of(2023, 6, 1)));
        assertEquals(BricsStatus.MEMBER, BRICS.statusOn("RU", LocalDate.of(2023, 6, 1)));
        assertEquals(BricsStatus.MEMBER, BRICS.statusOn("IN", LocalDate.of(2023, 6, 1)));
        assertEquals(BricsStatus.NONE, BRICS.statusOn("ZA", LocalDate.of(2010, 6, 1)));
        assertEquals(BricsStatus.MEMBER, BRICS.statusOn("ZA", LocalDate.of(2012, 1, 1)));
    }

    @Test
    void the_2024_enlargement_counts_from_new_years_day() {
        for (String country : new String[] {"EG", "ET", "IR", "AE"}) {
            assertEquals(BricsStatus.NONE, BRICS.statusOn(country, LocalDate.of(2023, 12, 31)), country);
            assertEquals(BricsStatus.MEMBER, BRICS.statusOn(country, LocalDate.of(2024, 1, 1)), country);
        }
        // invited, never confirmed
        assertEquals(BricsStatus.NONE, BRICS.statusOn("SA", LocalDate.of(2026, 1, 1)));
    }

    @Test
    void indonesia_was_a_partner_for_five_days_then_a_member() {
        assertEquals(BricsStatus.NONE, BRICS.statusOn("ID", LocalDate.of(2024, 12, 31)));
        assertEquals(BricsStatus.PARTNER, BRICS.statusOn("ID", LocalDate.of(2025, 1, 5)));
        assertEquals(BricsStatus.MEMBER, BRICS.statusOn("ID", LocalDate.of(2025, 1, 6)));
    }

    @Test
    void partner_countries_from_2025() {
        assertEquals(BricsStatus.NONE, BRICS.statusOn("KZ", LocalDate.of(2024, 12, 31)));
        assertEquals(BricsStatus.PARTNER, BRICS.statusOn("KZ", LocalDate.of(2025, 1, 1)));
        assertEquals(BricsStatus.PARTNER, BRICS.statusOn("MY", LocalDate.of(2025, 3, 1)));
        assertEquals(BricsStatus.NONE, BRICS.statusOn("DE", LocalDate.of(2025, 3, 1)));
    }

    @Test
    void a_contract_takes_the_standing_of_its_foreign_party_on_its_signing_date() {
        Party egypt = Party.foreign("Academy of Scientific Research and Technology", "EG");
        ContractTerms before = Contracts.with(Party.domestic(Contracts.SELLER), egypt, LocalDate.of(2023, 12, 20),
                Money.ofYuan(100), Money.ofYuan(100));
        ContractTerms after = Contracts.with(Party.domestic(Contracts.SELLER), egypt, LocalDate.of(2024, 1, 2),
                Money.ofYuan(100), Money.ofYuan(100));
        assertEquals(BricsStatus.NONE, BRICS.statusOf(before));
        assertEquals(BricsStatus.MEMBER, BRICS.statusOf(after));
        // two domestic parties are not BRICS cooperation, although China is a member
        assertEquals(BricsStatus.NONE, BRICS.statusOf(Contracts.development()));
    }
}
