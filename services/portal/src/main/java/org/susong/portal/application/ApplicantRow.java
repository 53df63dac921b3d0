package org.susong.portal.application;

import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.Decision;

/**
 * An applicant's application with its current decision: none yet ({@code decision} null, {@code decisionUnavailable}
 * false) or not readable now (eligibility refused or did not answer: {@code decisionUnavailable} true).
 */
public record ApplicantRow(ApplicationRow application, Decision decision, boolean decisionUnavailable) {
}
