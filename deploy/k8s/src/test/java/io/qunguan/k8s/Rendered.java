package io.qunguan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An overlay as {@code kustomize build} renders it: the objects a cluster would be given. Rendered by the
 * {@code kustomize} binary ({@code KUSTOMIZE} names one) or else by {@code kubectl kustomize}, offline.
 */
final class Rendered {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path ROOT = K8S.getParent().getParent();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    final String overlay;
    final List<ObjectNode> objects;

    private Rendered(String overlay, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** {@code overlays/<name>} rendered once per test run. */
    static Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, overlay -> new Rendered(overlay, parse(kustomize(K8S.resolve("overlays")
                .resolve(overlay)))));
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    objects.add((ObjectNode) document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered manifests are not YAML", e);
        }
        return objects;
    }

    private static String kustomize(Path directory) {
        List<String> command = kustomizeCommand(directory);
        try {
            Path output = Files.createTempFile("kustomize-", ".yaml");
            Path errors = Files.createTempFile("kustomize-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> kustomizeCommand(Path directory) {
        String named = System.getenv("KUSTOMIZE");
        if (named != null && !named.isBlank()) {
            return List.of(named, "build", directory.toString());
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build", directory.toString());
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize", directory.toString());
        }
        throw new AssertionError("neither kustomize nor kubectl is on the PATH: the manifests cannot be rendered "
                + "(apt-get install kubectl, or set KUSTOMIZE to a kustomize binary)");
    }

    private static Optional<Path> onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    ObjectNode one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + " " + name(object);
    }
}
