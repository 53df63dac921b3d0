package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.susong.commons.rest.ProblemException;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.persistence.FundRepository;

/** Queries on funds. */
@ApplicationScoped
public class FundService {

    private final FundRepository funds;

    FundService(FundRepository funds) {
        this.funds = funds;
    }

    public List<Fund> list() {
        return funds.findAll();
    }

    public Optional<Fund> find(String id) {
        return funds.find(id);
    }

    /** Opens or closes the fund; 404 problem when unknown. */
    public Fund setStatus(String id, FundStatus status) {
        if (!funds.setStatus(id, status)) {
            throw ProblemException.notFound("fund", id);
        }
        return funds.find(id).orElseThrow();
    }
}
