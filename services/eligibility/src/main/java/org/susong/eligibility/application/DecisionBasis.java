package org.susong.eligibility.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.susong.eligibility.domain.FundScope;
import org.susong.eligibility.persistence.RegisteredContract;

/**
 * What a decision read from the platform's own projections besides the application's facts (issue 16 item 9): the
 * technology contract as the registry held it (B3b, {@code contract}; null: not in the registry) and the receiving
 * fund's scope (拨改投, {@code fundScope}; null: not received yet). Deciding records each value as it is read
 * ({@link #recording()}), and the decision stores them ({@code basis}); the replay ({@link DecisionReplay}) decides
 * again on the stored values ({@link #stored}), never on the projections as they are today. A key is present only
 * when the value was consulted.
 */
public final class DecisionBasis {

    static final String CONTRACT = "contract";
    static final String FUND_SCOPE = "fundScope";

    /** The stored basis lacks a value the rule needs: a decision made before decisions stored it. */
    static final class NotStored extends RuntimeException {
        NotStored(String what) {
            super("the decision does not store the " + what + " it was decided on (decided before decisions stored"
                    + " their registry values)", null, false, false);
        }
    }

    private final Map<String, Object> values;
    private final boolean replaying;

    private DecisionBasis(Map<String, Object> values, boolean replaying) {
        this.values = values;
        this.replaying = replaying;
    }

    /** A live decision: reads the projections and records what it read. */
    public static DecisionBasis recording() {
        return new DecisionBasis(new LinkedHashMap<>(), false);
    }

    /** A replay on a stored decision's {@code basis} (null: a decision that stored none). */
    public static DecisionBasis stored(Map<String, Object> stored) {
        return new DecisionBasis(stored == null ? null : new LinkedHashMap<>(stored), true);
    }

    /** What was read, as the decision stores it (a copy; null values kept: consulted, nothing found). */
    public Map<String, Object> values() {
        return values == null ? null : new LinkedHashMap<>(values);
    }

    /** The registry's contract the facts name, as read now (recorded) or as the decision stored it (replayed). */
    RegisteredContract contract(Supplier<RegisteredContract> live) {
        if (!replaying) {
            RegisteredContract c = live.get();
            values.put(CONTRACT, c == null ? null : c.asMap());
            return c;
        }
        if (values == null || !values.containsKey(CONTRACT)) {
            throw new NotStored("registry's contract");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) values.get(CONTRACT);
        return c == null ? null : RegisteredContract.fromMap(c);
    }

    /** The receiving fund's scope, as read now (recorded) or as the decision stored it (replayed). */
    Optional<FundScope> fundScope(Supplier<Optional<FundScope>> live) {
        if (!replaying) {
            Optional<FundScope> s = live.get();
            values.put(FUND_SCOPE, s.map(DecisionBasis::asMap).orElse(null));
            return s;
        }
        if (values == null || !values.containsKey(FUND_SCOPE)) {
            throw new NotStored("fund scope");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) values.get(FUND_SCOPE);
        return Optional.ofNullable(s).map(DecisionBasis::fromMap);
    }

    private static Map<String, Object> asMap(FundScope s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fundId", s.fundId());
        m.put("stages", s.stages());
        m.put("fields", s.fields());
        m.put("sequence", s.sequence());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static FundScope fromMap(Map<String, Object> m) {
        return new FundScope((String) m.get("fundId"), (List<String>) m.get("stages"), (List<String>) m.get("fields"),
                ((Number) m.get("sequence")).longValue());
    }
}
