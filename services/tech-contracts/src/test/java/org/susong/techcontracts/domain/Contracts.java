package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.List;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/** Object mother for contract terms: a valid development contract, varied one term at a time. */
public final class Contracts {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final Uscc SELLER = uscc("91350206MA2Y8Q1K3");
    static final Uscc BUYER = uscc("91350211MA34TC7R1");

    private Contracts() {
    }

    /** A valid USCC: the first 17 characters with the check character GB 32100-2015 computes for them. */
    static Uscc uscc(String first17) {
        return new Uscc(first17 + Uscc.checkCharacterFor(first17));
    }

    /**
     * 2,500,000 CNY of which 2,100,000 technical: close to the 2023 average of a Xiamen contract
     * (17.358 billion CNY over 8,025 contracts, docs/policy.md).
     */
    public static ContractTerms development() {
        return with(Party.domestic(SELLER), Party.domestic(BUYER), TODAY.minusDays(9), Money.ofYuan(2_500_000),
                Money.ofYuan(2_100_000));
    }

    static ContractTerms with(Party seller, Party buyer, LocalDate signed, Money contract, Money technical) {
        return ContractTerms.basic("Solid-state electrolyte coating process", ContractType.DEVELOPMENT, seller, buyer,
                District.HULI, signed, contract, technical);
    }

    static ContractTerms withType(ContractType type) {
        ContractTerms t = development();
        return ContractTerms.basic(t.title(), type, t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(),
                t.contractAmount(), t.technicalTransactionAmount());
    }

    static ContractTerms withAmounts(Money contract, Money technical) {
        return with(Party.domestic(SELLER), Party.domestic(BUYER), TODAY.minusDays(9), contract, technical);
    }

    static ContractTerms withSigningDate(LocalDate signingDate) {
        return with(Party.domestic(SELLER), Party.domestic(BUYER), signingDate, Money.ofYuan(2_500_000),
                Money.ofYuan(2_100_000));
    }

    static ContractTerms withParties(Party seller, Party buyer) {
        return with(seller, buyer, TODAY.minusDays(9), Money.ofYuan(2_500_000), Money.ofYuan(2_100_000));
    }

    static ContractTerms withParties(Uscc seller, Uscc buyer) {
        return withParties(Party.domestic(seller), Party.domestic(buyer));
    }

    static ContractTerms withTitle(String title) {
        ContractTerms t = development();
        return ContractTerms.basic(title, t.type(), t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(),
                t.contractAmount(), t.technicalTransactionAmount());
    }

    static ContractTerms withTermAndSchedule(LocalDate start, LocalDate end, List<ContractTerms.Instalment> schedule) {
        ContractTerms t = development();
        return new ContractTerms(t.title(), t.type(), t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(), start,
                end, t.contractAmount(), t.technicalTransactionAmount(), schedule, List.of());
    }
}
