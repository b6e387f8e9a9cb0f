package io.z3chat.gateway.chat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.downstream.GatewayPeers;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.security.PublicOrigin;

/**
 * A reply that starts on this replica is announced to the other gateway replicas, so the user's sockets there learn of
 * it too ({@code started}) and can resume it: the hub of each replica knows only its own sockets, and there is no
 * broker. The announcement carries the llm-proxy replica that owns the generation, so a socket there can follow the
 * reply before persistence holds its first checkpoint; that address never reaches a browser.
 */
@ApplicationScoped
public class PeerAnnouncements {

    static final String PATH = "/internal/replies/started";
    private static final Logger LOG = Logger.getLogger(PeerAnnouncements.class);

    /** What one replica tells another; the user is the token's {@code sub}, never a field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "ReplyStarted")
    record ReplyStarted(@Schema(required = true) String chatId, @Schema(required = true) String generationId,
            @Schema(required = true) String messageId, String model,
            @Schema(description = "the llm-proxy replica generating the reply") String owner,
            @Schema(required = true, description = "the announcing gateway process") String from) {
    }

    private final GatewayPeers peers;
    private final GenerationDirectory directory;
    private final ObjectMapper mapper;

    PeerAnnouncements(GatewayPeers peers, GenerationDirectory directory, ObjectMapper mapper) {
        this.peers = peers;
        this.directory = directory;
        this.mapper = mapper;
    }

    /** Tells every peer, without waiting for any, that the user's reply started here. */
    void tell(String user, ServerFrame.Started started, String owner) {
        var announcement = new ReplyStarted(started.chatId(), started.generationId(), started.messageId(), started.model(),
                owner, peers.instanceId());
        try {
            peers.tell(user, PATH, Buffer.buffer(mapper.writeValueAsBytes(announcement)));
        } catch (JsonProcessingException | RuntimeException e) {
            // the reply goes on here whatever becomes of its news elsewhere
            LOG.warnf("Reply start not announced to peers chatId=%s cause=%s", started.chatId(), e.getClass().getSimpleName());
        }
    }

    /**
     * An announcement from a peer, its token already verified: the {@code started} frame for the user's sockets on this
     * replica, or null when it came from this very process. Throws 400 {@code invalid_request} for a body that is not
     * one. The owner it names is remembered, so a resume here finds the reply before persistence does.
     */
    ServerFrame.Started received(String user, String body) {
        ReplyStarted announcement;
        try {
            announcement = mapper.readValue(body, ReplyStarted.class);
        } catch (Exception e) {
            throw GatewayException.invalidRequest("Not a reply announcement");
        }
        if (announcement == null) {
            throw GatewayException.invalidRequest("Not a reply announcement");
        }
        Ids.requireId(announcement.chatId(), "chatId");
        Ids.requireId(announcement.generationId(), "generationId");
        Ids.requireId(announcement.messageId(), "messageId");
        String model = announcement.model();
        if (model != null && (model.length() > 200 || model.chars().anyMatch(Character::isISOControl))) {
            throw GatewayException.invalidRequest("Invalid model");
        }
        if (announcement.from() == null || announcement.from().isBlank()) {
            throw GatewayException.invalidRequest("from is required");
        }
        if (announcement.from().equals(peers.instanceId())) {
            return null;
        }
        String owner = announcement.owner();
        if (PublicOrigin.originOf(owner) != null) {
            directory.remember(announcement.generationId(),
                    new GenerationDirectory.Entry(user, announcement.chatId(), owner));
        }
        return new ServerFrame.Started(announcement.chatId(), announcement.generationId(), announcement.messageId(), model);
    }
}
