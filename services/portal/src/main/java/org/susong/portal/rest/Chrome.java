package org.susong.portal.rest;

import org.susong.portal.domain.Person;

/**
 * What every page's frame shows: its language, the link to the same page in the other one, whom the portal acts as
 * (null: no one signed in), whether the development sign-in is on (its banner) and whether the identity provider's
 * sign-in is (its link).
 */
public record Chrome(String lang, String otherLanguageHref, Person person, boolean devSignIn, boolean oidc) {
}
