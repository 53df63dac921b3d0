package org.susong.techcontracts.domain;

import java.util.regex.Pattern;

/**
 * A registration number of 16 digits: the registration year (Asia/Shanghai), the 4-digit code of
 * the registry (3502 for Xiamen) and an 8-digit serial that restarts every year. The 2023 baseline
 * of 8,025 contracts a year (docs/policy.md) uses a small part of the 99,999,999 serials.
 */
public record RegistrationNumber(String value) {

    public static final int LENGTH = 16;
    public static final long MAX_SERIAL = 99_999_999L;
    private static final Pattern SHAPE = Pattern.compile("\\d{16}");
    private static final Pattern REGISTRY_CODE = Pattern.compile("\\d{4}");

    public RegistrationNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a registration number has " + LENGTH + " digits, not '" + value + "'");
        }
    }

    public static RegistrationNumber of(int year, String registryCode, long serial) {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("the registration year must have 4 digits, not " + year);
        }
        if (registryCode == null || !REGISTRY_CODE.matcher(registryCode).matches()) {
            throw new IllegalArgumentException("the registry code must have 4 digits, not '" + registryCode + "'");
        }
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial " + serial + " of " + year + " is outside 1.." + MAX_SERIAL);
        }
        return new RegistrationNumber(String.format("%04d%s%08d", year, registryCode, serial));
    }

    public int year() {
        return Integer.parseInt(value.substring(0, 4));
    }

    public String registryCode() {
        return value.substring(4, 8);
    }

    public long serial() {
        return Long.parseLong(value.substring(8));
    }

    @Override
    public String toString() {
        return value;
    }
}
