package io.z3chat.gateway.support;

import io.vertx.core.Vertx;

/** The stub downstream services, started once per test JVM on the ports {@link StubServicesResource} reserved. */
public final class Stubs {

    private static Vertx vertx;
    private static Stub persistence;
    private static Stub llmProxy;

    private Stubs() {
    }

    public static synchronized Stub persistence() {
        start();
        return persistence;
    }

    public static synchronized Stub llmProxy() {
        start();
        return llmProxy;
    }

    public static synchronized Vertx vertx() {
        start();
        return vertx;
    }

    private static void start() {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        persistence = new Stub();
        persistence.start(vertx, Integer.getInteger(StubServicesResource.PERSISTENCE_PORT));
        llmProxy = new Stub();
        llmProxy.start(vertx, Integer.getInteger(StubServicesResource.LLM_PROXY_PORT));
        persistence.json("GET", "/q/health/ready", 200, "{\"status\":\"UP\"}");
        llmProxy.json("GET", "/q/health/ready", 200, "{\"status\":\"UP\"}");
    }

    static synchronized void stopAll() {
        if (vertx != null) {
            vertx.close();
            vertx = null;
        }
    }
}
