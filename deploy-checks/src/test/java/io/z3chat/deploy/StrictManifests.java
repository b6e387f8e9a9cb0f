package io.z3chat.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Kubernetes objects parsed with the fabric8 model, rejecting what the model does not know: an
 * unknown kind or apiVersion, or any field the API type lacks (fabric8 would keep such a field
 * quietly in {@code additionalProperties}; here it fails, so a typo such as {@code replica:} fails).
 */
final class StrictManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private StrictManifests() {
    }

    /** {@code kubectl kustomize <dir>}, every object parsed strictly. */
    static List<HasMetadata> render(String kustomizationDir) {
        String yaml = Repo.run(List.of("/usr/bin/kubectl", "kustomize", Repo.file(kustomizationDir).toString()));
        return parseAll(yaml, kustomizationDir);
    }

    static List<HasMetadata> parseAll(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (!document.isBlank()) {
                objects.add(parse(document, source));
            }
        }
        return objects;
    }

    static HasMetadata parse(String document, String source) {
        Object parsed = SERIALIZATION.unmarshal(document);
        if (!(parsed instanceof HasMetadata object)) {
            throw new AssertionError(source + ": not a Kubernetes object:\n" + document);
        }
        String name = source + ": " + object.getKind() + "/" + object.getMetadata().getName();
        if (object instanceof GenericKubernetesResource) {
            throw new AssertionError(name + ": the model knows no " + object.getApiVersion() + " " + object.getKind());
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, "", unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(name + " has fields its API type does not define: " + unknown);
        }
        return object;
    }

    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                collectUnknownFields(field, path + "." + property(getter), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
