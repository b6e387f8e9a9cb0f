package io.z3chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** docker-compose.yml against the Compose Specification's schema and issue 12's rules. */
class ComposeFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PUBLISHING = Set.of("chat-gateway", "keycloak", "grafana");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() {
        return (Map<String, Object>) new Yaml().load(Repo.read("docker-compose.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(service.get("restart"));
    }

    @Test
    void theFileIsValidAgainstTheComposeSpecification() throws Exception {
        Set<ValidationMessage> errors = validate(JSON.valueToTree(compose()));
        assertEquals(Set.of(), errors);
    }

    @Test
    void theSchemaRejectsAMisspelledServiceKey() throws Exception {
        Map<String, Object> broken = compose();
        @SuppressWarnings("unchecked")
        var gateway = (Map<String, Object>) ((Map<String, Object>) broken.get("services")).get("chat-gateway");
        gateway.put("healthcheckk", gateway.remove("healthcheck"));
        assertFalse(validate(JSON.valueToTree(broken)).isEmpty());
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndWaitsForHealthyDependencies() {
        services().forEach((name, service) -> {
            if (oneShot(service)) {
                return;
            }
            @SuppressWarnings("unchecked")
            var healthcheck = (Map<String, Object>) service.get("healthcheck");
            assertNotNull(healthcheck, name + " has a healthcheck");
            assertNotNull(healthcheck.get("test"), name + " healthcheck test");
        });
        services().forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            var dependsOn = (Map<String, Map<String, Object>>) service.getOrDefault("depends_on", Map.of());
            dependsOn.forEach((dependency, condition) -> {
                String expected = oneShot(services().get(dependency)) ? "service_completed_successfully" : "service_healthy";
                assertEquals(expected, condition.get("condition"), name + " -> " + dependency);
            });
        });
        @SuppressWarnings("unchecked")
        var gatewayDeps = ((Map<String, Object>) services().get("chat-gateway").get("depends_on")).keySet();
        assertEquals(Set.of("persistence-service", "llm-proxy-service", "keycloak"), gatewayDeps);
    }

    @Test
    void onlyTheGatewayKeycloakAndGrafanaPublishPorts() {
        Set<String> publishing = new TreeSet<>();
        services().forEach((name, service) -> {
            if (service.containsKey("ports")) {
                publishing.add(name);
            }
        });
        assertEquals(new TreeSet<>(PUBLISHING), publishing);
    }

    @Test
    void everyServiceRunsAsANonRootUserWithAMemoryLimit() {
        services().forEach((name, service) -> {
            String user = String.valueOf(service.get("user"));
            assertNotNull(service.get("user"), name + " names its user");
            String uid = user.split(":")[0];
            assertTrue(uid.matches("\\d+") && Integer.parseInt(uid) > 0, name + " runs as non-root, got " + user);
            assertNotNull(service.get("mem_limit"), name + " has a memory limit");
            assertEquals(List.of("ALL"), service.get("cap_drop"), name + " drops all capabilities");
        });
    }

    @Test
    void theServicesAreBuiltFromTheirDockerfiles() {
        for (String module : KustomizeOverlaysTest.SERVICES) {
            @SuppressWarnings("unchecked")
            var build = (Map<String, Object>) services().get(module).get("build");
            assertEquals("./" + module, build.get("context"));
            Repo.file(module + "/" + build.get("dockerfile"));
        }
    }

    @Test
    void everySecretComesFromTheEnvFileWithoutADefaultAndIsDocumentedInEnvExample() {
        Set<String> documented = new TreeSet<>();
        for (String line : Repo.read(".env.example").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                documented.add(line.substring(0, line.indexOf('=')));
                assertTrue(line.endsWith("=") || !KustomizeOverlaysTest.SECRET_ENV.contains(line.substring(0, line.indexOf('='))),
                        ".env.example holds no secret value: " + line);
            }
        }
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(Repo.read("docker-compose.yml"));
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
            // the model API key is optional: without it the offline model answers
            boolean secret = matcher.group(1).matches(".*(SECRET|PASSWORD|_KEY)")
                    && !matcher.group(1).equals("OPENROUTER_API_KEY");
            if (secret) {
                assertEquals(":?", matcher.group(2), matcher.group(1) + " must be required (no default)");
            }
        }
        assertEquals(documented, interpolated, ".env.example documents exactly what the compose file reads");
        services().forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            var environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            environment.forEach((key, value) -> {
                if (KustomizeOverlaysTest.SECRET_ENV.contains(key) && !key.equals("MONGODB_URI")) {
                    String required = key.equals("OPENROUTER_API_KEY") ? "${OPENROUTER_API_KEY:-}" : "${" + key + ":?";
                    assertTrue(String.valueOf(value).startsWith(required), name + " " + key + " from .env");
                }
            });
        });
        Repo.file("deploy/generate-env.sh");
        assertTrue(Repo.read(".gitignore").lines().anyMatch(".env"::equals), ".env is never committed");
    }

    @Test
    void prometheusAndGrafanaAreProvisionedFromTheRepository() {
        Repo.file("deploy/prometheus/prometheus.yml");
        Repo.file("deploy/grafana/provisioning/datasources/prometheus.yml");
        Repo.file("deploy/grafana/provisioning/dashboards/z3chat.yml");
        @SuppressWarnings("unchecked")
        var volumes = (List<String>) services().get("grafana").get("volumes");
        assertTrue(volumes.contains("./k8s/monitoring/dashboards:/var/lib/grafana/dashboards/z3chat:ro"));
        @SuppressWarnings("unchecked")
        var keycloakVolumes = (List<String>) services().get("keycloak").get("volumes");
        assertTrue(keycloakVolumes.stream().anyMatch(v -> v.startsWith("./deploy/keycloak/z3chat-realm.json:")));
    }

    @Test
    void theKeycloakRealmHasTheGatewaysClientADemoUserAndTheEmailClaim() throws Exception {
        JsonNode realm = JSON.readTree(Repo.read("deploy/keycloak/z3chat-realm.json"));
        assertEquals("z3chat", realm.path("realm").asText());
        JsonNode client = realm.path("clients").get(0);
        assertEquals("z3chat", client.path("clientId").asText());
        assertEquals("${OIDC_CLIENT_SECRET}", client.path("secret").asText(), "the secret comes from .env");
        assertFalse(client.path("publicClient").asBoolean());
        assertTrue(client.path("redirectUris").toString().contains("${Z3CHAT_PUBLIC_URL}/login"),
                "the gateway's redirect path /login");
        assertEquals("S256", client.path("attributes").path("pkce.code.challenge.method").asText());
        boolean emailClaim = false;
        for (JsonNode mapper : client.path("protocolMappers")) {
            emailClaim |= mapper.path("config").path("claim.name").asText().equals("email")
                    && mapper.path("config").path("id.token.claim").asText().equals("true");
        }
        assertTrue(emailClaim, "the ID token carries the email claim the gateway keys users by");
        JsonNode demo = realm.path("users").get(0);
        assertTrue(demo.path("email").asText().contains("@"));
        assertTrue(demo.path("emailVerified").asBoolean());
        assertEquals("${Z3CHAT_DEMO_PASSWORD}", demo.path("credentials").get(0).path("value").asText());
    }

    private static Set<ValidationMessage> validate(JsonNode document) throws Exception {
        // the schema names itself with a relative $id; anchor it where it is kept
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix("compose_spec.json", "classpath:compose-spec/compose-spec.json")));
        JsonSchema compiled = factory.getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
        return compiled.validate(document);
    }
}
