package io.z3chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.z3chat.deploy.NetworkPolicyModel.Endpoint;

/** Renders every overlay with {@code kubectl kustomize} and holds the objects to issue 12's rules. */
class KustomizeOverlaysTest {

    static final List<String> SERVICES = List.of("chat-gateway", "persistence-service", "llm-proxy-service");
    static final Map<String, Integer> HTTP_PORTS = Map.of("chat-gateway", 8080, "persistence-service", 8081,
            "llm-proxy-service", 8082);
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("chat-gateway", 9000, "persistence-service", 9001,
            "llm-proxy-service", 9002);
    /** Environment variables that carry keys or secrets: only ever from a Secret. */
    static final Set<String> SECRET_ENV = Set.of("INTERNAL_JWT_PRIVATE_KEY", "INTERNAL_JWT_PUBLIC_KEY",
            "OIDC_CLIENT_SECRET", "OIDC_STATE_SECRET", "SESSION_ENCRYPTION_SECRET", "OPENROUTER_API_KEY",
            "MONGODB_URI", "MONGO_INITDB_ROOT_PASSWORD", "MONGODB_ROOT_PASSWORD");

    record Overlay(String dir, String namespace, int minReplicas, boolean production) {
        @Override
        public String toString() {
            return dir;
        }
    }

    static Stream<Overlay> overlays() {
        return Stream.of(new Overlay("k8s/overlays/dev", "z3chat-dev", 1, false),
                new Overlay("k8s/overlays/prod", "z3chat", 2, true));
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasADeploymentAServiceAndAServiceAccountWithoutAToken(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        for (String service : SERVICES) {
            Deployment deployment = named(objects, Deployment.class, service);
            assertEquals(overlay.namespace(), deployment.getMetadata().getNamespace());
            assertTrue(deployment.getSpec().getReplicas() >= overlay.minReplicas(), service + " replicas");
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(NetworkPolicyModel.matches(deployment.getSpec().getSelector(), podLabels));

            ServiceAccount account = named(objects, ServiceAccount.class, service);
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(), service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(service, pod.getServiceAccountName());
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), service);

            Service svc = named(objects, Service.class, service);
            assertEquals(podLabels.get("app.kubernetes.io/name"), svc.getSpec().getSelector().get("app.kubernetes.io/name"));
            assertEquals(Set.of(HTTP_PORTS.get(service), MANAGEMENT_PORTS.get(service)),
                    Set.copyOf(svc.getSpec().getPorts().stream().map(p -> p.getPort()).toList()), service + " ports");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheManagementPortAndEveryContainerHasResources(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        for (String service : SERVICES) {
            Container container = onlyContainer(named(objects, Deployment.class, service).getSpec().getTemplate());
            int management = container.getPorts().stream().filter(p -> "management".equals(p.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(service + ": no port named management"))
                    .getContainerPort();
            assertEquals(MANAGEMENT_PORTS.get(service), management, service);
            assertProbe(service, "startup", container.getStartupProbe(), "/q/health/started");
            assertProbe(service, "liveness", container.getLivenessProbe(), "/q/health/live");
            assertProbe(service, "readiness", container.getReadinessProbe(), "/q/health/ready");
        }
        for (PodTemplateSpec template : podTemplates(objects)) {
            for (Container container : template.getSpec().getContainers()) {
                var resources = container.getResources();
                assertNotNull(resources.getRequests().get("cpu"), container.getName() + " cpu request");
                assertNotNull(resources.getRequests().get("memory"), container.getName() + " memory request");
                assertNotNull(resources.getLimits().get("memory"), container.getName() + " memory limit");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsNonRootWithoutPrivilegeOnAReadOnlyRootWithAWritableTmp(Overlay overlay) {
        for (PodTemplateSpec template : podTemplates(StrictManifests.render(overlay.dir()))) {
            PodSpec pod = template.getSpec();
            String name = template.getMetadata().getLabels().get("app.kubernetes.io/name");
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name);
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                var tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(name + ": no writable /tmp"));
                assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow().getEmptyDir(), name + ": /tmp is an emptyDir");
                assertFalse(container.getImage().endsWith(":latest") || !container.getImage().contains(":"),
                        name + ": image pinned to a tag, got " + container.getImage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void selfUrlsComeFromThePodIpAndConfigFromAGeneratedConfigMap(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        for (String service : SERVICES) {
            Container container = onlyContainer(named(objects, Deployment.class, service).getSpec().getTemplate());
            EnvVar podIp = env(container, "POD_IP").orElseThrow(() -> new AssertionError(service + ": no POD_IP"));
            assertEquals("status.podIP", podIp.getValueFrom().getFieldRef().getFieldPath());
            String configMap = container.getEnvFrom().get(0).getConfigMapRef().getName();
            assertTrue(configMap.matches(service + "-config-[a-z0-9]{10}"), "generated (hashed) ConfigMap: " + configMap);
            named(objects, ConfigMap.class, configMap);
        }
        String gatewaySelf = env(gatewayContainer(objects), "GATEWAY_SELF_URL").orElseThrow().getValue();
        assertEquals("http://$(POD_IP):8080", gatewaySelf);
        Container llmProxy = onlyContainer(named(objects, Deployment.class, "llm-proxy-service").getSpec().getTemplate());
        assertEquals("http://$(POD_IP):8082", env(llmProxy, "LLM_PROXY_SELF_URL").orElseThrow().getValue());
        // $(POD_IP) expands only when POD_IP is declared before the variable using it
        List<String> names = llmProxy.getEnv().stream().map(EnvVar::getName).toList();
        assertTrue(names.indexOf("POD_IP") < names.indexOf("LLM_PROXY_SELF_URL"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void secretsAreReferencedNeverCommitted(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        assertEquals(List.of(), all(objects, Secret.class), "no Secret objects (and so no values) in " + overlay);
        for (PodTemplateSpec template : podTemplates(objects)) {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (SECRET_ENV.contains(env.getName())) {
                        assertTrue(env.getValue() == null && env.getValueFrom().getSecretKeyRef() != null,
                                container.getName() + " " + env.getName() + " must come from a Secret");
                    }
                }
            }
        }
        for (ConfigMap configMap : all(objects, ConfigMap.class)) {
            configMap.getData().keySet().forEach(key -> assertFalse(SECRET_ENV.contains(key),
                    configMap.getMetadata().getName() + " holds " + key));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void terminationGraceOutlastsTheShutdownDrain(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        for (String service : SERVICES) {
            Deployment deployment = named(objects, Deployment.class, service);
            String configMap = onlyContainer(deployment.getSpec().getTemplate()).getEnvFrom().get(0)
                    .getConfigMapRef().getName();
            Map<String, String> config = named(objects, ConfigMap.class, configMap).getData();
            Duration drain = seconds(config.get("QUARKUS_SHUTDOWN_DELAY")).plus(seconds(config.get("QUARKUS_SHUTDOWN_TIMEOUT")));
            if (service.equals("llm-proxy-service")) {
                // its generations finish before the HTTP drain starts (ShutdownDrain)
                drain = drain.plus(seconds(config.get("Z3CHAT_SHUTDOWN_DRAIN_TIMEOUT")));
            }
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(grace > drain.toSeconds(), service + ": grace " + grace + " s <= drain " + drain);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayIsExposedThroughAnIngressThatKeepsStreamsOpen(Overlay overlay) {
        List<Ingress> ingresses = all(StrictManifests.render(overlay.dir()), Ingress.class);
        assertEquals(1, ingresses.size());
        Ingress ingress = ingresses.get(0);
        Set<String> backends = new TreeSet<>();
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                .forEach(path -> backends.add(path.getBackend().getService().getName())));
        assertEquals(Set.of("chat-gateway"), backends);
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) >= 300);
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout")) >= 300);
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"));
        if (overlay.production()) {
            assertFalse(ingress.getSpec().getTls().isEmpty(), "TLS in production");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void mongodbIsAReplicaSetBehindAHeadlessService(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        StatefulSet mongodb = named(objects, StatefulSet.class, "mongodb");
        assertEquals(overlay.production() ? 3 : 1, mongodb.getSpec().getReplicas());
        assertEquals("None", named(objects, Service.class, mongodb.getSpec().getServiceName()).getSpec().getClusterIP());
        assertTrue(onlyContainer(mongodb.getSpec().getTemplate()).getArgs().contains("--replSet"));
        Job init = named(objects, Job.class, "mongodb-init-replica-set");
        String members = env(onlyContainer(init.getSpec().getTemplate()), "MONGODB_REPLICAS").orElseThrow().getValue();
        assertEquals(mongodb.getSpec().getReplicas(), Integer.parseInt(members), "the initiation names every member");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gatewayReplicasFindEachOtherThroughAHeadlessServiceOfTheirReadyPods(Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        Deployment gateway = named(objects, Deployment.class, "chat-gateway");
        Container container = onlyContainer(gateway.getSpec().getTemplate());
        ConfigMap config = named(objects, ConfigMap.class, container.getEnvFrom().get(0).getConfigMapRef().getName());
        Service peers = named(objects, Service.class, config.getData().get("GATEWAY_PEERS_DNS"));
        assertEquals("None", peers.getSpec().getClusterIP(), "headless: the name resolves to every pod");
        assertFalse(Boolean.TRUE.equals(peers.getSpec().getPublishNotReadyAddresses()), "ready replicas only");
        Map<String, String> podLabels = gateway.getSpec().getTemplate().getMetadata().getLabels();
        assertFalse(peers.getSpec().getSelector().isEmpty());
        assertTrue(podLabels.entrySet().containsAll(peers.getSpec().getSelector().entrySet()), "it selects the gateway's pods");
        assertEquals(Integer.parseInt(config.getData().get("GATEWAY_PEERS_PORT")), HTTP_PORTS.get("chat-gateway"));
        assertTrue(peers.getSpec().getPorts().stream().anyMatch(p -> p.getPort().equals(HTTP_PORTS.get("chat-gateway"))));
    }

    @Test
    void productionScalesEveryServiceAndBudgetsDisruptions() {
        var objects = StrictManifests.render("k8s/overlays/prod");
        for (String service : SERVICES) {
            HorizontalPodAutoscaler hpa = named(objects, HorizontalPodAutoscaler.class, service);
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(service, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2);
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
            Map<String, String> podLabels = named(objects, Deployment.class, service).getSpec().getTemplate()
                    .getMetadata().getLabels();
            List<PodDisruptionBudget> budgets = all(objects, PodDisruptionBudget.class).stream()
                    .filter(b -> NetworkPolicyModel.matches(b.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, budgets.size(), service + ": one PodDisruptionBudget");
            assertEquals(1, budgets.get(0).getSpec().getMinAvailable().getIntVal());
        }
    }

    @Test
    void productionNetworkPoliciesDenyAllButTheArchitecturesArrows() {
        var objects = StrictManifests.render("k8s/overlays/prod");
        List<NetworkPolicy> policies = all(objects, NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> (p.getSpec().getPodSelector().getMatchLabels() == null || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                && p.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty()), "a default-deny policy");
        var model = new NetworkPolicyModel("z3chat", policies);

        List<Endpoint> endpoints = new ArrayList<>();
        for (PodTemplateSpec template : podTemplates(objects)) {
            Map<String, String> labels = template.getMetadata().getLabels();
            endpoints.add(Endpoint.pod(labels.get("app.kubernetes.io/name"), "z3chat", labels));
        }
        endpoints.add(Endpoint.pod("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx")));
        // where the Prometheus configuration renders is where Prometheus runs
        String monitoring = named(objects, ConfigMap.class, "z3chat-prometheus").getMetadata().getNamespace();
        endpoints.add(Endpoint.pod("prometheus", monitoring, Map.of("app.kubernetes.io/name", "prometheus")));
        endpoints.add(Endpoint.pod("stranger", "default", Map.of("app.kubernetes.io/name", "chat-gateway")));
        endpoints.add(Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns")));
        endpoints.add(Endpoint.external("internet", "93.184.216.34"));

        Set<String> allowed = new TreeSet<>();
        for (Endpoint from : endpoints) {
            for (Endpoint to : endpoints) {
                if (!"z3chat".equals(from.namespace()) && !"z3chat".equals(to.namespace())) {
                    continue;
                }
                for (int port : List.of(53, 443, 8080, 8081, 8082, 9000, 9001, 9002, 27017)) {
                    for (String protocol : List.of("TCP", "UDP")) {
                        if (model.allows(from, to, port, protocol)) {
                            allowed.add(from.name() + " -> " + to.name() + ":" + port + "/" + protocol);
                        }
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>(List.of(
                "ingress-controller -> chat-gateway:8080/TCP",
                "chat-gateway -> persistence-service:8081/TCP",
                "chat-gateway -> persistence-service:9001/TCP",
                "chat-gateway -> llm-proxy-service:8082/TCP",
                "chat-gateway -> llm-proxy-service:9002/TCP",
                "llm-proxy-service -> persistence-service:8081/TCP",
                "llm-proxy-service -> chat-gateway:8080/TCP",
                "chat-gateway -> chat-gateway:8080/TCP",
                "persistence-service -> mongodb:27017/TCP",
                "mongodb -> mongodb:27017/TCP",
                "mongodb-init -> mongodb:27017/TCP",
                "prometheus -> chat-gateway:9000/TCP",
                "prometheus -> persistence-service:9001/TCP",
                "prometheus -> llm-proxy-service:9002/TCP",
                "chat-gateway -> internet:443/TCP",
                "llm-proxy-service -> internet:443/TCP"));
        for (String pod : List.of("chat-gateway", "persistence-service", "llm-proxy-service", "mongodb", "mongodb-init")) {
            expected.add(pod + " -> kube-dns:53/TCP");
            expected.add(pod + " -> kube-dns:53/UDP");
        }
        assertEquals(expected, allowed);
    }

    @Test
    void aTypoInAManifestFailsTheStrictParse() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  replica: 2
                  selector:
                    matchLabels: {app: typo}
                  template:
                    metadata:
                      labels: {app: typo}
                    spec:
                      containers:
                        - name: typo
                          image: typo:1
                """;
        AssertionError error = assertThrows(AssertionError.class, () -> StrictManifests.parse(typo, "test"));
        assertTrue(error.getMessage().contains(".spec.replica"), error.getMessage());
        String unknownKind = """
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: typo
                """;
        assertThrows(AssertionError.class, () -> StrictManifests.parse(unknownKind, "test"));
    }

    private static Container gatewayContainer(List<HasMetadata> objects) {
        return onlyContainer(named(objects, Deployment.class, "chat-gateway").getSpec().getTemplate());
    }

    static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(objects, Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(objects, StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        all(objects, Job.class).forEach(j -> templates.add(j.getSpec().getTemplate()));
        return templates;
    }

    private static Container onlyContainer(PodTemplateSpec template) {
        assertEquals(1, template.getSpec().getContainers().size());
        return template.getSpec().getContainers().get(0);
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static void assertProbe(String service, String kind, Probe probe, String path) {
        assertNotNull(probe, service + " " + kind + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), service + " " + kind);
        assertEquals("management", probe.getHttpGet().getPort().getStrVal(), service + " " + kind + " port");
    }

    private static Duration seconds(String value) {
        assertNotNull(value, "shutdown setting");
        assertTrue(value.matches("\\d+s"), value);
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
}
