package io.z3chat.deploy;

import static io.z3chat.deploy.KustomizeOverlaysTest.MANAGEMENT_PORTS;
import static io.z3chat.deploy.KustomizeOverlaysTest.SERVICES;
import static io.z3chat.deploy.KustomizeOverlaysTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The cluster's Prometheus configuration as each overlay renders it (the ConfigMap {@code z3chat-prometheus}): promtool
 * accepts it with its rules beside it, and it discovers every replica of every service on its management port in the
 * overlay's own namespace.
 */
class ScrapeConfigurationTest {

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

    /** The dev overlay carries its own copy only for its namespace: apart from that (and comments) it is prod's. */
    @Test
    void theDevScrapeConfigurationIsTheSharedOneForTheDevNamespace() {
        String shared = withoutComments(Repo.read("k8s/monitoring/prometheus/prometheus.yml"));
        String dev = withoutComments(Repo.read("k8s/overlays/dev/prometheus.yml"));
        assertEquals(shared.replace(".z3chat.svc.", ".z3chat-dev.svc."), dev);
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
