package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;

/** An imported bank file (camt.053 statement or pain.002 status report), its hash and its reconciliation report. */
public record BankFile(String id, String kind, String hash, Instant importedAt, String importedBy, List<BankFileItem> items) {
}
