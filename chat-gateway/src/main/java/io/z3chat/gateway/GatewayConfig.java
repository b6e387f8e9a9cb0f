package io.z3chat.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway reads from configuration; environment variables are mapped in application.properties. */
@ConfigMapping(prefix = "z3chat")
public interface GatewayConfig {

    /** External base URL (PUBLIC_URL): allowed Origin for cookie requests and sockets, HSTS and secure cookies when https. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** How llm-proxy reaches this very instance (GATEWAY_SELF_URL), used for the lifecycle callback URL. */
    @WithDefault("http://localhost:8080")
    String selfUrl();

    Downstream downstream();

    InternalJwt internalJwt();

    RateLimit rateLimit();

    Limits limits();

    Chat chat();

    Peers peers();

    interface Downstream {
        @WithDefault("http://localhost:8081")
        String persistenceUrl();

        @WithDefault("http://localhost:8082")
        String llmProxyUrl();

        /** persistence-service's management interface (its health), PERSISTENCE_MANAGEMENT_URL. */
        @WithDefault("http://localhost:9001")
        String persistenceManagementUrl();

        /** llm-proxy-service's management interface (its health), LLM_PROXY_MANAGEMENT_URL. */
        @WithDefault("http://localhost:9002")
        String llmProxyManagementUrl();

        @WithDefault("2s")
        Duration connectTimeout();

        /** Deadline of a plain JSON call. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Longest silence tolerated on a streamed response (generations, exports). */
        @WithDefault("5m")
        Duration streamIdleTimeout();

        /** Deadline of each probe behind {@code /q/health/group/dependencies}. */
        @WithDefault("2s")
        Duration readinessTimeout();

        /** Connections per downstream service for plain JSON calls (short: they are reused, the rest queue). */
        @WithDefault("200")
        int maxConnections();

        /**
         * Connections per downstream service for streamed answers (generations, exports, imports): each streaming
         * reply holds one to llm-proxy for as long as it streams, so this bounds the replies this replica relays at
         * once. Sized for 500 concurrent streams with room to spare.
         */
        @WithDefault("2000")
        int maxStreams();
    }

    interface InternalJwt {
        /** PEM PKCS#8 RSA private key (INTERNAL_JWT_PRIVATE_KEY). */
        Optional<String> privateKey();

        /** PEM X.509 RSA public key (INTERNAL_JWT_PUBLIC_KEY). */
        Optional<String> publicKey();

        @WithDefault("120s")
        Duration lifetime();
    }

    interface RateLimit {
        /** Sustained API requests (and socket frames) per second per user. */
        @WithDefault("20")
        int requestsPerSecond();

        /** Short bursts above the sustained rate. */
        @WithDefault("40")
        int requestsBurst();
    }

    interface Limits {
        /** Largest JSON request body on /api (the import has its own limit). */
        @WithDefault("1048576")
        long jsonBodyBytes();

        @WithDefault("52428800")
        long importBodyBytes();

        @WithDefault("32000")
        int messageChars();

        /** Bytes of frames a socket (or SSE response) may have queued before it is disconnected as too slow. */
        @WithDefault("262144")
        long outboundBufferBytes();
    }

    interface Chat {
        /** How many of the newest messages are sent to llm-proxy as history. */
        @WithDefault("50")
        int historyLimit();
    }

    /** The other gateway replicas, told when a reply starts here (their sockets of the user then resume it). */
    interface Peers {
        /** Base URLs of the other replicas (GATEWAY_PEER_URLS, comma-separated); this replica's own is skipped. */
        Optional<List<String>> urls();

        /** A DNS name resolving to every replica's address (GATEWAY_PEERS_DNS: a headless Service in Kubernetes). */
        Optional<String> dnsName();

        /** The port the replicas found by {@link #dnsName()} serve HTTP on (GATEWAY_PEERS_PORT). */
        @WithDefault("8080")
        int dnsPort();

        /** How often the DNS name is resolved again (the JVM itself caches an answer for up to 30 s). */
        @WithDefault("10s")
        Duration refreshInterval();

        /** Deadline of connecting to a peer and of its answer; nothing waits for it either way. */
        @WithDefault("1s")
        Duration timeout();

        /** Calls to peers open at once; past it an announcement to a peer is dropped (and counted). */
        @WithDefault("256")
        int maxInFlight();
    }
}
