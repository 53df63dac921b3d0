package org.susong.techcontracts.domain;

import java.time.LocalDate;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/** Object mother for contract terms: a valid development contract, varied one term at a time. */
final class Contracts {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
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
     * (17.358 billion CNY over 8,025 contracts, domain.md).
     */
    static ContractTerms development() {
        return new ContractTerms("Solid-state electrolyte coating process", ContractType.DEVELOPMENT, SELLER, BUYER,
                District.HULI, TODAY.minusDays(9), Money.ofYuan(2_500_000), Money.ofYuan(2_100_000));
    }

    static ContractTerms withType(ContractType type) {
        ContractTerms t = development();
        return new ContractTerms(t.title(), type, t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(),
                t.contractAmount(), t.technicalTransactionAmount());
    }

    static ContractTerms withAmounts(Money contract, Money technical) {
        ContractTerms t = development();
        return new ContractTerms(t.title(), t.type(), t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(),
                contract, technical);
    }

    static ContractTerms withSigningDate(LocalDate signingDate) {
        ContractTerms t = development();
        return new ContractTerms(t.title(), t.type(), t.seller(), t.buyer(), t.sellerDistrict(), signingDate,
                t.contractAmount(), t.technicalTransactionAmount());
    }

    static ContractTerms withParties(Uscc seller, Uscc buyer) {
        ContractTerms t = development();
        return new ContractTerms(t.title(), t.type(), seller, buyer, t.sellerDistrict(), t.signingDate(),
                t.contractAmount(), t.technicalTransactionAmount());
    }

    static ContractTerms withTitle(String title) {
        ContractTerms t = development();
        return new ContractTerms(title, t.type(), t.seller(), t.buyer(), t.sellerDistrict(), t.signingDate(),
                t.contractAmount(), t.technicalTransactionAmount());
    }
}
