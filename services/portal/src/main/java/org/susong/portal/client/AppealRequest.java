package org.susong.portal.client;

/**
 * Applications' {@code ApplicationResource.AppealRequest} as the portal sends it ({@code POST /applications/{id}/appeal}):
 * the grounds (required, at most 2,000 characters: {@code @NotBlank @Size(max = 2000)}); no document references yet.
 */
public record AppealRequest(String grounds) {
}
