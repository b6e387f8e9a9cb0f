package io.z3chat.persistence.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** Who may call this service (smallrye-jwt checks one issuer only, so the allow-list is ours). */
@ConfigMapping(prefix = "z3chat.auth")
public interface AuthConfig {

    @WithDefault("chat-gateway,llm-proxy-service")
    Set<String> allowedIssuers();
}
