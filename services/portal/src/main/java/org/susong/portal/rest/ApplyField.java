package org.susong.portal.rest;

import java.util.List;
import org.susong.portal.domain.FactsForm;

/**
 * One field of the apply form as the page shows it: the schema's property ({@link FactsForm.Field}), its label and
 * options in the page's language, the schema's description (as the catalogue writes it), the value typed (kept when
 * the form comes back) and the sentence of its problem (null: none).
 */
public record ApplyField(FactsForm.Field field, String label, String description, List<Option> options, String value,
                         String error) {

    /** An option of a choice: the value sent and its words. */
    public record Option(String value, String label) {
    }

    public boolean invalid() {
        return error != null;
    }

    /** The ids the field is described by: its hint and its error, when it has them. */
    public String describedBy() {
        String ids = (description != null ? field.id() + "-hint " : "") + (error != null ? field.id() + "-error" : "");
        return ids.strip();
    }
}
