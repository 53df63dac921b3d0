package org.susong.testing.archfixture.documents.application;

import org.bson.Document;

/** Fixture: an application service that passes a stored document around - what the rule must refuse. */
public class DocumentService {
    public Document find(String id) {
        return new Document("_id", id);
    }
}
