package org.susong.portal.client;

/** Applications' {@code ApplicationResource.WithdrawalRequest} ({@code withdrawApplication}): why, at most 500 characters. */
public record WithdrawalRequest(String reason) {
}
