package io.z3chat.gateway.downstream;

/** A service the gateway calls; its name is the audience of the internal JWTs sent to it. */
public enum Target {
    PERSISTENCE("persistence-service"),
    LLM_PROXY("llm-proxy-service"),
    /** Another replica of the gateway itself ({@link GatewayPeers}). */
    GATEWAY("chat-gateway");

    private final String audience;

    Target(String audience) {
        this.audience = audience;
    }

    public String audience() {
        return audience;
    }
}
