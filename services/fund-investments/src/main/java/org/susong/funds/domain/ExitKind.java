package org.susong.funds.domain;

/** How a fund leaves an investment. */
public enum ExitKind {
    /** Sale of the stake to a third party. */
    SALE,
    /** The enterprise or its founders buy the stake back. */
    BUY_BACK,
    /** Sale after a listing. */
    IPO,
    /** Written off: usually no or little proceeds. */
    WRITE_OFF
}
