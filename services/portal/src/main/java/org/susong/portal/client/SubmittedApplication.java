package org.susong.portal.client;

/** applications' answer to {@code POST /applications} ({@code ApplicationResource.SubmittedView}): the id and state. */
public record SubmittedApplication(String id, String status) {
}
