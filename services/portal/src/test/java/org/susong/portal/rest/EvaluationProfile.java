package org.susong.portal.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The evaluation read model on (the page tests keep it off: they have no broker), on the real broker and store. */
public class EvaluationProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("susong.portal.evaluation.enabled", "true");
    }
}
