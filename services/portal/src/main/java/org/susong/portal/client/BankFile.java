package org.susong.portal.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An imported bank file and its reconciliation report, as payments' {@code GET /reconciliation/reports} and its imports
 * answer it ({@code domain.BankFile}): {@code kind} camt.053 or pain.002, the file's hash, who imported it when, and
 * one item per transfer it named, with what that did ({@code ReconciliationOutcome}).
 */
public record BankFile(String id, String kind, String hash, String importedAt, String importedBy, List<Item> items) {

    /**
     * One line of the report ({@code domain.BankFileItem}): {@code kind} DEBIT or CREDIT of a statement's entry,
     * {@code REJECTION:<reason>} of a status report's transaction; {@code orderId} null when it matched none.
     */
    public record Item(String reference, String endToEndId, String kind, long amountFen, String orderId, String outcome) {

        /** The outcomes an officer must look at with the bank: nothing was applied, or money went twice. */
        public boolean needsALook() {
            return switch (outcome == null ? "" : outcome) {
                case "SETTLED", "RETURNED", "REOPENED", "ALREADY_BOOKED", "IGNORED" -> false;
                default -> true;
            };
        }
    }

    public BankFile {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** How many items had each outcome, by outcome name. */
    public Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(i -> counts.merge(String.valueOf(i.outcome()), 1, Integer::sum));
        return counts;
    }

    /** The items an officer must look at ({@link Item#needsALook}). */
    public long toLookAt() {
        return items.stream().filter(Item::needsALook).count();
    }
}
