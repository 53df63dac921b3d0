package org.susong.eligibility.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One contract of eligibility's registry projection as its events left it, whatever order they came in: the
 * registration ({@code registeredOn} null until it arrived), every amendment received ({@code amendments}, by
 * number) and the cancellation ({@code cancelEventId}). The current terms are the latest amendment's, else the
 * registration's. Also the snapshot a decision or proposal keeps with its cap intents ({@link #asMap()},
 * {@link #fromMap(Map)}), so that a retry is decided on the registry as the first attempt read it.
 */
public record RegisteredContract(String registrationNumber, String contractId, boolean cancelled, String cancelledOn,
                                 String cancelReason, String cancelEventId, String registeredOn, String sellerUscc,
                                 String buyerUscc, long technicalFen, List<Amendment> amendments) {

    /** An amendment as received: its number, event id and the terms after it. */
    public record Amendment(int number, String eventId, long technicalFen, String sellerUscc, String buyerUscc) {
    }

    /** Whether the registration itself reached the projection (an amendment or a cancellation may come first). */
    public boolean registered() {
        return registeredOn != null;
    }

    /** The current technical transaction amount: after the latest amendment, else as registered. */
    public long currentFen() {
        return latest() == null ? technicalFen : latest().technicalFen();
    }

    public String currentSellerUscc() {
        return latest() == null ? sellerUscc : latest().sellerUscc();
    }

    public String currentBuyerUscc() {
        return latest() == null ? buyerUscc : latest().buyerUscc();
    }

    private Amendment latest() {
        return amendments.isEmpty() ? null : amendments.get(amendments.size() - 1);
    }

    /** A snapshot of this contract, stored with the cap intents of the decision or proposal made on it. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registrationNumber", registrationNumber);
        m.put("contractId", contractId);
        m.put("state", cancelled ? "CANCELLED" : "REGISTERED");
        m.put("cancelledOn", cancelledOn);
        m.put("cancelReason", cancelReason);
        m.put("cancelEventId", cancelEventId);
        m.put("registeredOn", registeredOn);
        m.put("sellerUscc", sellerUscc);
        m.put("buyerUscc", buyerUscc);
        m.put("technicalTransactionAmountFen", technicalFen);
        Map<String, Object> byNumber = new LinkedHashMap<>();
        for (Amendment a : amendments) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("eventId", a.eventId());
            e.put("technicalTransactionAmountFen", a.technicalFen());
            e.put("sellerUscc", a.sellerUscc());
            e.put("buyerUscc", a.buyerUscc());
            byNumber.put(Integer.toString(a.number()), e);
        }
        m.put("amendments", byNumber);
        return m;
    }

    /** A projection document, or a snapshot {@link #asMap()} made. */
    public static RegisteredContract fromMap(Map<String, ?> d) {
        List<Amendment> amendments = new ArrayList<>();
        if (d.get("amendments") instanceof Map<?, ?> byNumber) {
            byNumber.forEach((n, v) -> {
                Map<?, ?> a = (Map<?, ?>) v;
                amendments.add(new Amendment(Integer.parseInt(n.toString()), (String) a.get("eventId"),
                        ((Number) a.get("technicalTransactionAmountFen")).longValue(), (String) a.get("sellerUscc"),
                        (String) a.get("buyerUscc")));
            });
        }
        amendments.sort(Comparator.comparingInt(Amendment::number));
        Number fen = (Number) d.get("technicalTransactionAmountFen");
        return new RegisteredContract((String) d.get("registrationNumber"), (String) d.get("contractId"),
                "CANCELLED".equals(d.get("state")), (String) d.get("cancelledOn"), (String) d.get("cancelReason"),
                (String) d.get("cancelEventId"), (String) d.get("registeredOn"), (String) d.get("sellerUscc"),
                (String) d.get("buyerUscc"), fen == null ? 0 : fen.longValue(), List.copyOf(amendments));
    }
}
