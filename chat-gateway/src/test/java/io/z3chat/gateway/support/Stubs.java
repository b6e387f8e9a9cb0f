package io.z3chat.gateway.support;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Vertx;
import io.z3chat.gateway.testing.Contract;

/** The stub downstream services and peer gateway, started once per test JVM on the ports {@link StubServicesResource} reserved. */
public final class Stubs {

    private static final Contract PERSISTENCE_CONTRACT = Contract.persistence();
    private static final Contract LLM_PROXY_CONTRACT = Contract.llmProxy();
    private static Vertx vertx;
    private static Stub persistence;
    private static Stub llmProxy;
    private static Stub peer;

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

    /** Another replica of the gateway (a peer); it answers every announcement 204 unless a test says otherwise. */
    public static synchronized Stub peer() {
        start();
        return peer;
    }

    /** persistence-service's committed OpenAPI document, which the chat stubs are held to. */
    public static Contract persistenceContract() {
        return PERSISTENCE_CONTRACT;
    }

    /** llm-proxy-service's committed OpenAPI document, which the chat stubs and every stub event are held to. */
    public static Contract llmProxyContract() {
        return LLM_PROXY_CONTRACT;
    }

    /** The contract violations met since the last call (see {@link StubContractCheck}). */
    public static List<String> takeViolations() {
        List<String> all = new ArrayList<>(PERSISTENCE_CONTRACT.takeViolations());
        all.addAll(LLM_PROXY_CONTRACT.takeViolations());
        return all;
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
        peer = new Stub();
        peer.start(vertx, Integer.getInteger(StubServicesResource.PEER_PORT));
        peer.on("POST", "/internal/replies/started", (call, response) -> response.setStatusCode(204).end());
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
