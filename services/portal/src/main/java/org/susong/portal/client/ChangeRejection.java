package org.susong.portal.client;

/** Applications' {@code ApplicantResource.RejectionRequest}: why a bank-account or registration change is rejected. */
public record ChangeRejection(String reason) {
}
