package org.susong.funds.domain;

/** Life-cycle stage of the enterprise invested in (measure C2: full-lifecycle finance). */
public enum Stage {
    START_UP,
    GROWTH,
    MATURE
}
