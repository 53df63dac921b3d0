package org.susong.funds.domain;

/** How a fund puts money into an enterprise. */
public enum Instrument {
    EQUITY,
    CONVERTIBLE,
    /** A guarantee that enhances an S&T loan: it ties up fund capacity like an investment. */
    CREDIT_ENHANCEMENT_GUARANTEE
}
