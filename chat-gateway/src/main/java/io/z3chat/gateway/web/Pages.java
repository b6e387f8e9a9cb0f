package io.z3chat.gateway.web;

/** The one server-rendered page: signed in without an email (no script at all, so the CSP allows none). */
public final class Pages {

    /** The header that keeps a share link's page and snapshot out of search engines. */
    public static final String ROBOTS = "X-Robots-Tag";
    public static final String NOINDEX = "noindex";

    private Pages() {
    }

    public static String noEmail(String message) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Sign-in incomplete</title>\n</head>\n<body>\n<main>\n<h1>z3chat</h1>\n"
                + "<h2>Sign-in incomplete</h2>\n<p>" + escape(message) + ".</p>\n"
                + "<p>Ask your administrator to release the <code>email</code> claim to z3chat, then sign in again.</p>\n"
                + "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>"
                + "\n</main>\n</body>\n</html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
