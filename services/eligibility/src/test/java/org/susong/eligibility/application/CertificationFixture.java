package org.susong.eligibility.application;

import java.util.Date;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.persistence.CertificationListRepository;

/**
 * Tests' way to put a certificate on a list without importing a file (and so without the automatic award an import
 * makes): B1 decides a certificate only when it is listed (issue 16 item 3).
 */
public final class CertificationFixture {

    private CertificationFixture() {
    }

    /** A random enterprise USCC (category 91) with a valid check character, as a list states it. */
    public static String uscc() {
        StringBuilder b = new StringBuilder("91350206");
        for (int i = 0; i < 9; i++) {
            b.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString() + org.susong.commons.ids.Uscc.checkCharacterFor(b.toString());
    }

    /** A first-time high-tech enterprise certificate of 2025 for {@code uscc}. */
    public static void listed(CertificationListRepository lists, String uscc, String certificateNumber) {
        listed(lists, "HIGH_TECH_ENTERPRISE", 2025, uscc, certificateNumber, "FIRST");
    }

    public static void listed(CertificationListRepository lists, String list, int year, String uscc,
                              String certificateNumber, String kind) {
        lists.insert(new CertificationListRepository.Entry(list, year, uscc, null, certificateNumber,
                CompiledRule.canonical(certificateNumber), kind, "CL-TEST"), "system;test;;", new Date());
    }
}
