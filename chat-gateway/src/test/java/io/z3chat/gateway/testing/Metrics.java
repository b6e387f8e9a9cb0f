package io.z3chat.gateway.testing;


/** Reads the gateway's own meters from {@code /q/metrics}. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every series whose line starts with {@code prefix} (a name, optionally with its first labels). */
    public static double sum(String prefix) {
        return Management.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    public static double slowConsumersDisconnected(String transport) {
        return sum("z3chat_gateway_slow_consumers_disconnected_total{transport=\"" + transport + "\"");
    }

    public static double socketsOpen() {
        return sum("z3chat_gateway_sockets_open ");
    }
}
