package org.susong.portal.client;

/**
 * An order in public notice (公示) as payments' {@code GET /payments/notices} lists it ({@code PaymentResource.NoticeView}):
 * {@code noticeUntil} a date ({@code yyyy-MM-dd}, Xiamen), {@code howToObject} the service's English sentence.
 */
public record Notice(String orderId, String beneficiaryUscc, String measureCode, long amountFen, String noticeUntil,
                     String howToObject) {
}
