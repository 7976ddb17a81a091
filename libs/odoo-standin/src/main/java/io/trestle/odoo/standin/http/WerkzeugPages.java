package io.trestle.odoo.standin.http;

/** The HTML error pages werkzeug renders, byte for byte, as Odoo sends them for HTTP-level errors. */
final class WerkzeugPages {

    private WerkzeugPages() {
    }

    static HttpAnswer badRequest(String description) {
        return page(400, "Bad Request", description);
    }

    static HttpAnswer notFound() {
        return page(404, "Not Found", "The requested URL was not found on the server. If you entered the URL manually "
                + "please check your spelling and try again.");
    }

    static HttpAnswer serviceUnavailable() {
        return page(503, "Service Unavailable", "The server is temporarily unable to service your request due to "
                + "maintenance downtime or capacity problems. Please try again later.");
    }

    /** The message werkzeug gives when a route's type does not match the request's content type. */
    static HttpAnswer wrongRouteType(String path, String routeType) {
        return badRequest("Request inferred type is compatible with [&#39;http&#39;] but &#39;" + escape(path)
                + "&#39; is type=&#39;" + routeType + "&#39;.");
    }

    private static HttpAnswer page(int status, String title, String description) {
        return HttpAnswer.html(status, "<!doctype html>\n<html lang=en>\n<title>" + status + " " + title
                + "</title>\n<h1>" + title + "</h1>\n<p>" + description + "</p>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
