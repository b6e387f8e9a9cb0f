package io.z3chat.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * When PUBLIC_URL is https, session and state cookies are always {@code Secure} and redirect URIs use https, even
 * behind a TLS-terminating ingress. Lower ordinal than application.properties and the environment, so either wins.
 */
public class HttpsConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(defaults(publicUrl(context)), "z3chat-https-defaults", ORDINAL));
    }

    static Map<String, String> defaults(String publicUrl) {
        boolean https = publicUrl != null && publicUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://");
        if (!https) {
            return Map.of();
        }
        return Map.of("quarkus.oidc.authentication.cookie-force-secure", "true",
                "quarkus.oidc.authentication.force-redirect-https-scheme", "true");
    }

    private static String publicUrl(ConfigSourceContext context) {
        for (String name : List.of("PUBLIC_URL", "z3chat.public-url")) {
            ConfigValue value = context.getValue(name);
            if (value != null && value.getValue() != null && !value.getValue().contains("${")) {
                return value.getValue();
            }
        }
        return null;
    }
}
