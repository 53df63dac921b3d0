package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.susong.portal.domain.ApplicationFacts;
import org.susong.portal.domain.EvaluationFigures;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;
import org.susong.portal.persistence.EvaluationStore;

/**
 * The evaluation's figures for a person: the committee ({@code admin}) and auditors see every district, a district
 * officer its own district's rows only (whatever district the filter names); anyone else none (the page refuses them
 * first).
 */
@ApplicationScoped
public class EvaluationQueries {

    /** The filters: each null for all. */
    public record Filter(Integer year, Integer quarter, String measure, String district) {
    }

    /** The rows, their totals, the choices for the filters and the state of the generations. */
    public record Figures(List<EvaluationFigures.Row> rows, EvaluationFigures.Row totals, List<Integer> years,
                          List<String> measures, EvaluationStore.Generations generations) {
    }

    private final EvaluationStore store;

    EvaluationQueries(EvaluationStore store) {
        this.store = store;
    }

    /** Who may see the evaluation: the committee, auditors and district officers. */
    public static boolean mayRead(Person person) {
        return person.role() == Role.ADMIN || person.role() == Role.AUDITOR || person.role() == Role.OFFICER;
    }

    /** The filter as the person may use it: an officer's district replaces the one asked for. */
    public static Filter narrowed(Person person, Filter asked) {
        if (person.role() == Role.OFFICER) {
            return new Filter(asked.year(), asked.quarter(), asked.measure(), person.district().name());
        }
        return asked;
    }

    public Figures figures(Person person, Filter asked) {
        Filter f = narrowed(person, asked);
        List<ApplicationFacts> facts = store.facts(f.year(), f.quarter(), f.measure(), f.district());
        return new Figures(EvaluationFigures.rows(facts), EvaluationFigures.totals(facts), store.years(),
                store.measures(), store.generations());
    }
}
