package org.susong.portal.client;

import java.util.List;

/**
 * A refusal as tech-contracts' {@code POST /contracts/{id}/refusal} reads it ({@code ContractResource.RefusalRequest}
 * of {@code ReviewService.ReasonInput}s): one or more coded reasons, each with an optional text ({@code OTHER} needs
 * one).
 */
public record RefusalRequest(List<Reason> reasons) {

    public record Reason(String code, String text) {
    }
}
