package org.susong.testing.archfixture.documents.rest;

import com.mongodb.client.model.Filters;

/** Fixture: a resource that builds a query of the driver itself - what the rule must refuse. */
public class FilterResource {
    public Object byId(String id) {
        return Filters.eq("_id", id);
    }
}
