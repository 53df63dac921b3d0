package org.susong.commons.persistence.migrations;

import java.util.List;
import java.util.Map;

/**
 * What one service declares about its stored formats (issue 21 item 6): the current document-format version of every
 * collection it owns, and the ordered migrations that bring older documents to it. One CDI bean per service;
 * {@link SchemaMigrations} runs it at start-up before consumers and schedulers.
 *
 * <p>Changing a stored format means: raise that collection's version here and add a migration whose filter finds the
 * older documents. A database stamped with a higher version than this build knows (data of a newer build) stops the
 * start, instead of being read as nulls.
 */
public interface ServiceMigrations {

    /** Every collection of the service's database (except {@value MigrationRunner#COLLECTION}) and its format version. */
    Map<String, Integer> formatVersions();

    /** Ordered by id; empty when no stored format has changed yet. */
    List<Migration> migrations();
}
