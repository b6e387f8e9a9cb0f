package io.z3chat.llmproxy.offline;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No OPENROUTER_API_KEY, and an upstream URL where nothing listens. */
public class OfflineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("z3chat.openrouter.api-key", "",
                "z3chat.openrouter.base-url", "http://127.0.0.1:9/v1");
    }
}
