package io.z3chat.gateway.web;

/** The plain server-rendered pages (no script at all, so the CSP allows none). The real web UI is a later issue. */
public final class Pages {

    private Pages() {
    }

    public static String signedOut(boolean expired) {
        String notice = expired ? "<p role=\"status\">Your session has expired. Please sign in again.</p>\n" : "";
        return page("z3chat", notice + "<p><a href=\"/login?next=/\">Sign in</a></p>");
    }

    public static String signedIn(String email) {
        return page("z3chat", "<p>Signed in as <strong>" + escape(email) + "</strong></p>\n" + signOutForm());
    }

    public static String noEmail(String message) {
        return page("Sign-in incomplete",
                "<h2>Sign-in incomplete</h2>\n<p>" + escape(message) + ".</p>\n"
                        + "<p>Ask your administrator to release the <code>email</code> claim to z3chat, "
                        + "then sign in again.</p>\n" + signOutForm());
    }

    private static String signOutForm() {
        return "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n</head>\n<body>\n<main>\n<h1>z3chat</h1>\n"
                + body + "\n</main>\n</body>\n</html>\n";
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
