package org.susong.funds.domain;

/**
 * Where an investment's money went, as the figures count it: its stage, district and field (either
 * may be null: not known), and whether it is a follow-on, and a C3 one; {@code fromReserve} whether the fund's
 * reserve pays it instead of its money available (a follow-on drawn from the reserve, issue 20 item 9).
 */
public record Placement(Stage stage, org.susong.commons.ids.District district, String field, boolean followOn,
                        boolean c3, boolean fromReserve) {

    /** A placement paid from the money available. */
    public Placement(Stage stage, org.susong.commons.ids.District district, String field, boolean followOn, boolean c3) {
        this(stage, district, field, followOn, c3, false);
    }

    /** The bucket of the figures for a district or field not given. */
    public static final String UNSPECIFIED = "UNSPECIFIED";

    /** The district's bucket in the figures ({@link #UNSPECIFIED} when not given). */
    public String districtKey() {
        return district == null ? UNSPECIFIED : district.name();
    }

    /** The field's bucket in the figures: its code ({@link #UNSPECIFIED} when not given). */
    public String fieldKey() {
        return field == null ? UNSPECIFIED : org.susong.commons.ids.FieldCodes.of(field);
    }

    public static Placement of(Investment investment) {
        Investment.Context c = investment.context();
        return new Placement(investment.terms().stage(), c.district(), c.field(), c.followOn(), c.c3ResearchInfrastructure(),
                c.fromReserve());
    }
}
