package org.susong.portal.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every form the portal takes (approvals of accounts and payments, reviews, withdrawals...) is posted from its own
 * pages, with the person's cookie. Beside the cookie's {@code SameSite=Lax} (which lets a page of a sibling subdomain
 * post with it: other district portals under the same registrable domain), an unsafe request a browser marks as coming
 * from another site is refused before anything is read or sent: {@code Sec-Fetch-Site} other than {@code same-origin}
 * or {@code none} (a typed address, a bookmark), or an {@code Origin} whose host is not the one the request was made to.
 * A request with neither header is not a browser's (browsers send {@code Origin} on every POST) and goes on: the
 * forgery this stops needs a browser holding the cookie. Host only, not scheme and port: behind a TLS-terminating
 * proxy the portal sees http on another port than the browser's https.
 */
public class SameOriginPosts {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Response refuseCrossSite(HttpServerRequest request, UriInfo uri) {
        if (SAFE.contains(request.method().name())) {
            return null;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            LOG.warnf("refused %s %s: Sec-Fetch-Site %s", request.method(), request.path(), site);
            return refused("Sec-Fetch-Site: " + site);
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameHost(origin, uri.getBaseUri().getHost())) {
            // a proxy that rewrites Host would refuse every post: this line says so
            LOG.warnf("refused %s %s: Origin %s, request host %s", request.method(), request.path(), origin,
                    uri.getBaseUri().getHost());
            return refused("Origin: " + origin);
        }
        return null;
    }

    static boolean sameHost(String origin, String host) {
        try {
            String from = URI.create(origin.strip()).getHost();
            return from != null && host != null && from.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false; // anything unreadable; "null" (a sandboxed frame, a redirect across sites) has no host above
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SameOriginPosts.class);

    private static Response refused(String why) {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("403: a form of this portal is posted from its own pages only (" + why + "); nothing was sent."
                        + " 本门户的表单只能从本门户的页面提交，未发送任何请求。").build();
    }
}
