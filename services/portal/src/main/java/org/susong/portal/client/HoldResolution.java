package org.susong.portal.client;

/** Payments' {@code PaymentResource.ResolutionRequest} ({@code resolvePaymentHold}): {@code UPHELD} or {@code DISMISSED}. */
public record HoldResolution(String outcome) {
}
