package org.susong.portal.rest;

/** The sign-in form's fields as typed (shown again when refused). */
public record SignInForm(String role, String user, String district, String actingFor, String funds) {

    static SignInForm empty() {
        return new SignInForm("officer", "", "HULI", "", "");
    }
}
