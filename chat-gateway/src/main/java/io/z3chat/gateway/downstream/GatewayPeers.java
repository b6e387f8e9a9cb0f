package io.z3chat.gateway.downstream;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;

/**
 * The other replicas of the gateway, and a fire-and-forget POST to all of them. They are the configured base URLs
 * ({@code GATEWAY_PEER_URLS}) and every address a DNS name resolves to ({@code GATEWAY_PEERS_DNS}, in Kubernetes a
 * headless Service listing each gateway pod), read again every {@code z3chat.peers.refresh-interval}; this replica's own
 * address ({@code GATEWAY_SELF_URL}) is left out. Every POST carries an internal JWT ({@code iss} and {@code aud}
 * chat-gateway, {@code sub} the user) and {@link #instanceId()}, so a replica that reaches itself anyway (a name
 * listing its own address in another spelling) knows to ignore it. Nothing waits for an answer: each call has a short
 * deadline, at most {@code z3chat.peers.max-in-flight} are open at once (more are dropped and counted), and a peer
 * that is down costs its own call only.
 */
@Startup
@ApplicationScoped
public class GatewayPeers {

    private static final Logger LOG = Logger.getLogger(GatewayPeers.class);

    private final String instanceId = UUID.randomUUID().toString();
    private final Vertx vertx;
    private final InternalTokenIssuer tokens;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Peers config;
    private final String self;
    private final List<String> configured;
    private final AtomicReference<List<String>> resolved = new AtomicReference<>(List.of());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final HttpClient http;
    private long refreshTimer = -1;

    GatewayPeers(Vertx vertx, InternalTokenIssuer tokens, GatewayMetrics metrics, GatewayConfig gatewayConfig) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.metrics = metrics;
        this.config = gatewayConfig.peers();
        this.self = baseOf(gatewayConfig.selfUrl());
        List<String> urls = new ArrayList<>();
        for (String url : config.urls().orElse(List.of())) {
            String base = baseOf(url);
            if (base == null) {
                throw new IllegalStateException("GATEWAY_PEER_URLS must list absolute http(s) URLs, not: " + url);
            }
            if (!base.equals(self) && !urls.contains(base)) {
                urls.add(base);
            }
        }
        this.configured = List.copyOf(urls);
        metrics.peerAnnouncementsInFlight(inFlight);
        int timeoutMillis = (int) config.timeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMillis).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(config.maxInFlight()));
        // resolved on a worker thread, now and then periodically: a slow DNS server never holds up the start
        config.dnsName().filter(name -> !name.isBlank()).ifPresent(name -> refreshTimer = vertx.setPeriodic(1,
                config.refreshInterval().toMillis(), id -> vertx.executeBlocking(() -> {
                    refresh(name);
                    return null;
                }, false)));
    }

    /** This process, as it names itself to its peers. */
    public String instanceId() {
        return instanceId;
    }

    /** The peers as of now: the configured ones, then the resolved ones, without this replica. */
    public List<String> current() {
        Set<String> all = new LinkedHashSet<>(configured);
        all.addAll(resolved.get());
        return List.copyOf(all);
    }

    /**
     * POSTs the JSON {@code body} to {@code path} on every peer, acting as {@code user}, and returns at once; the
     * outcome of each call is only counted ({@code z3chat_gateway_peer_announcements_total{outcome}}).
     */
    public void tell(String user, String path, Buffer body) {
        List<String> peers = current();
        if (peers.isEmpty()) {
            return;
        }
        String authorization = "Bearer " + tokens.tokenFor(Target.GATEWAY, user);
        long timeout = config.timeout().toMillis();
        for (String peer : peers) {
            if (inFlight.incrementAndGet() > config.maxInFlight()) {
                inFlight.decrementAndGet();
                metrics.peerAnnouncement("dropped");
                continue;
            }
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(peer + path)
                    .setConnectTimeout(timeout).setIdleTimeout(timeout)
                    .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
            http.request(options)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(result -> {
                        inFlight.decrementAndGet();
                        boolean delivered = result.succeeded() && result.result() / 100 == 2;
                        metrics.peerAnnouncement(delivered ? "delivered" : "failed");
                        if (!delivered) {
                            LOG.debugf("Peer not told peer=%s outcome=%s", peer,
                                    result.succeeded() ? result.result() : result.cause().getClass().getSimpleName());
                        }
                    });
        }
    }

    private void refresh(String name) {
        try {
            List<String> found = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(name)) {
                String host = address.getHostAddress();
                String base = baseOf("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.dnsPort());
                if (base != null && !base.equals(self) && !found.contains(base)) {
                    found.add(base);
                }
            }
            List<String> before = resolved.getAndSet(List.copyOf(found));
            if (!before.equals(found)) {
                LOG.infof("Gateway peers from DNS name=%s peers=%s", name, found);
            }
        } catch (UnknownHostException e) {
            // no replica ready yet, or DNS briefly down: keep the last answer
            LOG.debugf("Gateway peers not resolved name=%s", name);
        }
    }

    /** scheme://host:port, lower-cased, with the default port spelled out, or null when not an absolute http(s) URL. */
    static String baseOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        if (refreshTimer != -1) {
            vertx.cancelTimer(refreshTimer);
        }
        http.close();
    }
}
