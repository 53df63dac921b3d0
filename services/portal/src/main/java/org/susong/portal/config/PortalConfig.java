package org.susong.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's own settings; the services' base URLs are the REST clients' ({@code quarkus.rest-client.<service>.url}). */
@ConfigMapping(prefix = "susong.portal")
public interface PortalConfig {

    /**
     * The development sign-in: a page that picks any role and district, whose person the portal sends to the services
     * as the header stub. Only for the local, dev and test profiles; a portal started in prod with it on refuses to
     * start ({@link DevSignInGuard}).
     */
    @WithDefault("false")
    boolean devSignIn();

    /** Rows per page of a list page (the services answer at most 200). */
    @WithDefault("50")
    int pageSize();

    /** The most rows one CSV export reads (200 a request); past it the file ends with a line saying it was cut. */
    @WithDefault("20000")
    int exportMaxRows();
}
