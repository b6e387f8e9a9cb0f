package io.z3chat.deploy;

import static io.z3chat.deploy.KustomizeOverlaysTest.HTTP_PORTS;
import static io.z3chat.deploy.KustomizeOverlaysTest.MANAGEMENT_PORTS;
import static io.z3chat.deploy.KustomizeOverlaysTest.SERVICES;
import static io.z3chat.deploy.KustomizeOverlaysTest.all;
import static io.z3chat.deploy.KustomizeOverlaysTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.z3chat.deploy.NetworkPolicyModel.Endpoint;

/**
 * The cluster's Prometheus configuration as each overlay renders it (the ConfigMap {@code z3chat-prometheus}): promtool
 * accepts it with its rules beside it, and it discovers every replica of every service on its management port in the
 * overlay's own namespace, from the namespace where Prometheus runs and the NetworkPolicies let it in.
 */
class ScrapeConfigurationTest {

    private static final Pattern SRV_NAME = Pattern.compile(
            "_management\\._tcp\\.([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local");
    private static final Map<String, String> PROMETHEUS_LABELS = Map.of("app.kubernetes.io/name", "prometheus");

    @ParameterizedTest
    @MethodSource("io.z3chat.deploy.KustomizeOverlaysTest#overlays")
    void promtoolAcceptsTheRenderedScrapeConfigurationAndItsRules(KustomizeOverlaysTest.Overlay overlay,
            @TempDir Path dir) throws Exception {
        Map<String, String> files = prometheusConfigMap(overlay).getData();
        assertEquals(List.of("prometheus.yml", "z3chat-alerts.yml"), files.keySet().stream().sorted().toList());
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        String output = Repo.run(List.of("/usr/bin/promtool", "check", "config", dir.resolve("prometheus.yml").toString()));
        assertTrue(output.contains("SUCCESS: 1 rule files found"), output);
        assertTrue(output.contains("is valid prometheus config file syntax"), output);
    }

    @ParameterizedTest
    @MethodSource("io.z3chat.deploy.KustomizeOverlaysTest#overlays")
    void everyServiceIsScrapedOnItsManagementPortThroughAHeadlessServiceOfItsNamespace(
            KustomizeOverlaysTest.Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        Map<String, Map<String, Object>> jobs = jobs(prometheusConfigMap(overlay).getData().get("prometheus.yml"));
        assertEquals(SERVICES.stream().sorted().toList(), jobs.keySet().stream().sorted().toList(), "one job per service");
        for (String service : SERVICES) {
            Map<String, Object> job = jobs.get(service);
            assertEquals("/q/metrics", job.get("metrics_path"), service);
            @SuppressWarnings("unchecked")
            var discovery = (List<Map<String, Object>>) job.get("dns_sd_configs");
            assertEquals(1, discovery.size(), service);
            assertEquals("SRV", discovery.get(0).get("type"), service);
            String headless = service + "-management";
            assertEquals(List.of("_management._tcp." + headless + "." + overlay.namespace() + ".svc.cluster.local"),
                    discovery.get(0).get("names"), service);

            Service svc = named(objects, Service.class, headless);
            assertEquals(overlay.namespace(), svc.getMetadata().getNamespace());
            assertEquals("None", svc.getSpec().getClusterIP(), headless + " is headless: one SRV record per pod");
            assertEquals(Boolean.TRUE, svc.getSpec().getPublishNotReadyAddresses(),
                    headless + " lists pods that are not ready, so their metrics are scraped too");
            var podLabels = named(objects, Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
            svc.getSpec().getSelector().forEach((key, value) -> assertEquals(value, podLabels.get(key), headless));
            ServicePort port = svc.getSpec().getPorts().stream().filter(p -> "management".equals(p.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(headless + ": no port named management"));
            assertEquals(MANAGEMENT_PORTS.get(service), port.getPort(), headless);
            assertEquals("management", port.getTargetPort().getStrVal(), headless);
        }
    }

    /**
     * Where Prometheus runs is one namespace: its configuration (ConfigMap {@code z3chat-prometheus}) and the
     * dashboards render into it, it is the only namespace the production NetworkPolicies admit to the management
     * ports, and every name it discovers is a headless Service of the app's namespace whose pods a Prometheus there
     * may scrape on the management port (and only there), while one anywhere else may not. It needs no RBAC.
     */
    @ParameterizedTest
    @MethodSource("io.z3chat.deploy.KustomizeOverlaysTest#overlays")
    void prometheusRunsInTheNamespaceThePoliciesAdmitAndDiscoversTheServicesOfTheAppNamespace(
            KustomizeOverlaysTest.Overlay overlay) {
        var objects = StrictManifests.render(overlay.dir());
        var production = StrictManifests.render("k8s/overlays/prod");
        String monitoring = admittedToTheManagementPorts(all(production, NetworkPolicy.class));

        ConfigMap config = named(objects, ConfigMap.class, "z3chat-prometheus");
        assertEquals(monitoring, config.getMetadata().getNamespace(), "the Prometheus configuration's namespace");
        assertNotEquals(overlay.namespace(), monitoring, "Prometheus runs beside the app, not in its namespace");
        var dashboards = all(objects, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("z3chat-dashboard-")).toList();
        assertEquals(SERVICES.size(), dashboards.size());
        dashboards.forEach(d -> assertEquals(monitoring, d.getMetadata().getNamespace(), d.getMetadata().getName()));
        assertEquals(List.of(), objects.stream().map(HasMetadata::getKind)
                .filter(kind -> kind.endsWith("Role") || kind.endsWith("RoleBinding")).toList(),
                "DNS discovery needs no Kubernetes API access, so no RBAC");

        var model = new NetworkPolicyModel(overlay.namespace(), all(objects, NetworkPolicy.class));
        var prometheus = Endpoint.pod("prometheus", monitoring, PROMETHEUS_LABELS);
        var elsewhere = Endpoint.pod("prometheus", "default", PROMETHEUS_LABELS);
        for (var job : jobs(config.getData().get("prometheus.yml")).entrySet()) {
            @SuppressWarnings("unchecked")
            var discovery = (List<Map<String, Object>>) job.getValue().get("dns_sd_configs");
            @SuppressWarnings("unchecked")
            var names = (List<String>) discovery.get(0).get("names");
            for (String name : names) {
                Matcher srv = SRV_NAME.matcher(name);
                assertTrue(srv.matches(), job.getKey() + ": " + name);
                assertEquals(overlay.namespace(), srv.group(2), name + " resolves in the app's namespace");
                Service headless = named(objects, Service.class, srv.group(1));
                assertEquals(overlay.namespace(), headless.getMetadata().getNamespace(), name);
                Deployment target = all(objects, Deployment.class).stream()
                        .filter(d -> NetworkPolicyModel.matches(selector(headless), d.getSpec().getTemplate()
                                .getMetadata().getLabels())).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " selects no Deployment's pods"));
                assertEquals(job.getKey(), target.getMetadata().getName(), name);
                var pod = Endpoint.pod(job.getKey(), overlay.namespace(), target.getSpec().getTemplate().getMetadata().getLabels());
                int port = target.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                        .filter(p -> "management".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
                assertTrue(model.allows(prometheus, pod, port, "TCP"), name + ": Prometheus in " + monitoring + " may scrape");
                if (overlay.production()) {
                    assertFalse(model.allows(elsewhere, pod, port, "TCP"), name + ": only from " + monitoring);
                    assertFalse(model.allows(prometheus, pod, HTTP_PORTS.get(job.getKey()), "TCP"),
                            name + ": the app port stays closed to Prometheus");
                }
            }
        }
    }

    /** The dev overlay carries its own copy only for its namespace: apart from that (and comments) it is prod's. */
    @Test
    void theDevScrapeConfigurationIsTheSharedOneForTheDevNamespace() {
        String shared = withoutComments(Repo.read("k8s/monitoring/prometheus/prometheus.yml"));
        String dev = withoutComments(Repo.read("k8s/overlays/dev/prometheus.yml"));
        assertEquals(shared.replace(".z3chat.svc.", ".z3chat-dev.svc."), dev);
    }

    /** The one namespace that ingress rules on a management port admit from outside the policies' own namespace. */
    static String admittedToTheManagementPorts(List<NetworkPolicy> policies) {
        Set<String> admitted = new TreeSet<>();
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                boolean management = rule.getPorts().stream()
                        .anyMatch(p -> MANAGEMENT_PORTS.containsValue(p.getPort().getIntVal()));
                rule.getFrom().stream().filter(peer -> management && peer.getNamespaceSelector() != null)
                        .forEach(peer -> admitted.add(peer.getNamespaceSelector().getMatchLabels()
                                .get("kubernetes.io/metadata.name")));
            }
        }
        assertEquals(1, admitted.size(), "one namespace admitted to the management ports: " + admitted);
        return admitted.iterator().next();
    }

    private static LabelSelector selector(Service service) {
        return new LabelSelector(List.of(), service.getSpec().getSelector());
    }

    private static ConfigMap prometheusConfigMap(KustomizeOverlaysTest.Overlay overlay) {
        return named(StrictManifests.render(overlay.dir()), ConfigMap.class, "z3chat-prometheus");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> jobs(String prometheusYml) {
        var config = (Map<String, Object>) new Yaml().load(prometheusYml);
        return ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                .collect(Collectors.toMap(job -> (String) job.get("job_name"), job -> job));
    }

    private static String withoutComments(String yaml) {
        return yaml.lines().filter(line -> !line.trim().startsWith("#")).collect(Collectors.joining("\n"));
    }
}
