package org.susong.portal.rest;

import org.susong.portal.domain.Person;

/**
 * What every page's frame shows: its language, the link to the same page in the other one, whom the portal acts as
 * (null: no one signed in) and whether that person came from the development sign-in.
 */
public record Chrome(String lang, String otherLanguageHref, Person person, boolean devSignIn) {
}
