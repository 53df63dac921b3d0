package org.susong.techcontracts.domain;

/**
 * The statutory grounds on which a registry does not register a technology contract (the
 * catalogue of the issue, after the registration rules): each refusal names one or more.
 */
public enum RefusalReason {
    /** 合同无效或者尚未生效. */
    INVALID_OR_NOT_EFFECTIVE,
    /** 不属于技术合同. */
    NOT_A_TECHNOLOGY_CONTRACT,
    /** 当事人、标的、价款或支付方式约定不明确. */
    UNCLEAR_PARTIES_SUBJECT_PRICE_OR_PAYMENT,
    /** 依法应经有关部门审批而未审批. */
    MISSING_STATE_APPROVAL,
    /** 合同名称与权利义务不一致. */
    TITLE_NOT_MATCHING_RIGHTS_AND_OBLIGATIONS,
    /** 含有非法垄断技术、妨碍技术进步的条款. */
    ILLEGAL_TECHNOLOGY_MONOPOLY_CLAUSES,
    /** 材料缺失或无效. */
    MISSING_OR_INVALID_DOCUMENTS,
    /** 印章问题. */
    SEAL_PROBLEMS,
    /** 其他, with a text. */
    OTHER;

    /** One ground of a refusal; OTHER needs a text, the others may carry one. */
    public record Refusal(RefusalReason code, String text) {
        public Refusal {
            if (code == null) {
                throw new IllegalArgumentException("a refusal reason needs its code");
            }
            text = text == null || text.isBlank() ? null : text.trim();
            if (code == OTHER && text == null) {
                throw new IllegalArgumentException("the refusal reason OTHER needs a text");
            }
        }
    }
}
