package org.susong.commons.persistence.migrations;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step that brings a service's stored documents from an older format to the current one (issue 21 item 6).
 * Steps run in the order of their ids ({@code 0001-…}, {@code 0002-…}: a service declares them sorted), each once per
 * database as recorded in {@value MigrationRunner#COLLECTION}.
 *
 * <p>A step must be <b>idempotent</b>: a replica that crashed half-way leaves its claim to expire and the next start
 * runs the whole step again over documents of which some are already migrated. The usual shape is a conditional update
 * whose filter names the old format ("no {@code createdAt}", "capital is an array"), so a migrated document no longer
 * matches.
 *
 * @param id          ordered, stable id: four digits, a dash, lower-case words ({@code 0001-fund-capital-by-source})
 * @param description what the step changes, for the log and the record
 * @param step        the change over the service's database; returns how many documents it changed
 */
public record Migration(String id, String description, Step step) {

    static final Pattern ID = Pattern.compile("\\d{4}-[a-z0-9]+(-[a-z0-9]+)*");

    /** The change itself: idempotent, over the service's own database. */
    @FunctionalInterface
    public interface Step {
        /** @return how many documents were changed (0 on a second run) */
        long apply(MongoDatabase database);
    }

    public Migration {
        Objects.requireNonNull(step, "step");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("migration id '" + id + "' is not of the form 0001-lower-case-words");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("migration " + id + " has no description");
        }
    }
}
