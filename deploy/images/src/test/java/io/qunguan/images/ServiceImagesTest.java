package io.qunguan.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qunguan.testkit.KafkaBroker;
import io.qunguan.testkit.Ports;
import io.qunguan.testkit.PostgresServer;
import io.qunguan.testkit.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServiceImages} builds, read back from the tarballs: per service the layers in their order, the
 * entrypoint, the non-root user, the port; the runtime's files executable and the app's in place; the same inputs
 * giving the same image byte for byte; the image's own Java starting, in a chroot of its unpacked layers; and
 * moderation-service started from its image's files in the same way, ready against a real broker and PostgreSQL.
 */
class ServiceImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path OUTPUT = Path.of("target/images").toAbsolutePath();
    private static final ServiceImages IMAGES = new ServiceImages(ROOT, OUTPUT, "registry.example.com/qunguan",
            "0.1.0-SNAPSHOT");
    private static final Map<String, Path> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        for (String service : ServiceImages.SERVICES) {
            BUILT.put(service, IMAGES.build(service));
        }
    }

    @Test
    void eachServicesImageRunsItsQuarkusAppAsUser185FromLayersThatChangeLeastFirst() throws Exception {
        for (String service : ServiceImages.SERVICES) {
            Map<String, byte[]> tarball = entries(Files.newInputStream(BUILT.get(service)));
            JsonNode manifest = JSON.readTree(tarball.get("manifest.json")).get(0);
            assertEquals("registry.example.com/qunguan/" + service + ":0.1.0-SNAPSHOT",
                    manifest.path("RepoTags").path(0).asText());
            JsonNode config = JSON.readTree(tarball.get(manifest.path("Config").asText()));
            assertEquals(ServiceImages.USER, config.path("config").path("User").asText(), service);
            assertEquals(ServiceImages.ENTRYPOINT, strings(config.path("config").path("Entrypoint")), service);
            assertEquals("/deployments", config.path("config").path("WorkingDir").asText());
            assertTrue(config.path("config").path("ExposedPorts").has("8080/tcp"), service);
            assertEquals("1970-01-01T00:00:00Z", config.path("created").asText(), "a fixed creation time");
            assertEquals(service, config.path("config").path("Labels").path("org.opencontainers.image.title")
                    .asText());

            List<String> layers = strings(manifest.path("Layers"));
            assertEquals(7, layers.size(), service + ": base, java, accounts, lib/boot, lib/main, quarkus, app");
            Map<String, TarArchiveEntry> base = layerEntries(tarball.get(layers.get(0)));
            assertTrue(base.containsKey("lib64/ld-linux-x86-64.so.2") && base.get("lib64/ld-linux-x86-64.so.2")
                    .isFile(), "the dynamic loader, a file (not a link out of the image)");
            assertTrue(base.containsKey("lib/x86_64-linux-gnu/libc.so.6"));
            Map<String, TarArchiveEntry> java = layerEntries(tarball.get(layers.get(1)));
            assertEquals(0755, java.get("opt/java/bin/java").getMode() & 0777, "java is executable");
            Map<String, TarArchiveEntry> accounts = layerEntries(tarball.get(layers.get(2)));
            assertEquals(0777, accounts.get("tmp").getMode() & 07777, "/tmp is writable by the service");
            Map<String, TarArchiveEntry> app = layerEntries(tarball.get(layers.get(6)));
            assertTrue(app.containsKey("deployments/quarkus-run.jar"), service);
            assertTrue(layerEntries(tarball.get(layers.get(4))).keySet().stream()
                    .anyMatch(name -> name.startsWith("deployments/lib/main/") && name.endsWith(".jar")), service);
        }
    }

    @Test
    void theSameInputsGiveTheSameImageByteForByte() throws Exception {
        Path again = new ServiceImages(ROOT, OUTPUT.resolve("again"), "registry.example.com/qunguan",
                "0.1.0-SNAPSHOT").build("moderation-service");
        assertEquals(sha256(BUILT.get("moderation-service")), sha256(again));
    }

    @Test
    void theImagesJavaStartsOnTheImagesOwnFilesWithTheModulesTheServicesNeed() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a chroot and a /proc mount need root; CI runs as root");
        // a chroot of the unpacked layers: the loader, the C library and the runtime are the image's, none the host's
        Path root = OUTPUT.resolve("unpacked");
        Map<String, byte[]> tarball = entries(Files.newInputStream(BUILT.get("reporting-service")));
        JsonNode manifest = JSON.readTree(tarball.get("manifest.json")).get(0);
        for (String layer : strings(manifest.path("Layers")).subList(0, 3)) {
            unpack(tarball.get(layer), root);
        }
        // as a container runtime does: the loader finds the runtime's libraries through /proc/self/exe ($ORIGIN)
        Path proc = Files.createDirectories(root.resolve("proc"));
        assertEquals(0, run("mount", "-t", "proc", "proc", proc.toString()), "/proc not mounted in the chroot");
        String out;
        try {
            Process java = new ProcessBuilder("chroot", root.toString(), "/opt/java/bin/java", "--list-modules")
                    .redirectErrorStream(true).start();
            out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java did not finish");
            assertEquals(0, java.exitValue(), out);
        } finally {
            run("umount", proc.toString());
        }
        for (String module : List.of("java.base@", "java.sql@", "java.net.http@", "jdk.unsupported@",
                "jdk.localedata@", "jdk.charsets@")) {
            assertTrue(out.contains(module), module + " missing from " + out);
        }
    }

    @Test
    void moderationServiceStartsFromItsImagesFilesAsUser185AndBecomesReady() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a chroot and a /proc mount need root; CI runs as root");
        Path root = OUTPUT.resolve("running");
        Map<String, byte[]> tarball = entries(Files.newInputStream(BUILT.get("moderation-service")));
        for (String layer : strings(JSON.readTree(tarball.get("manifest.json")).get(0).path("Layers"))) {
            unpack(tarball.get(layer), root);
        }
        // what a pod mounts: the identity provider's public key
        Path keys = root.resolve("etc/qunguan/jwt");
        Tokens.generateKeyPair(keys);
        Path proc = Files.createDirectories(root.resolve("proc"));
        assertEquals(0, run("mount", "-t", "proc", "proc", proc.toString()), "/proc not mounted in the chroot");
        String database = "qg_image_moderation";
        PostgresServer postgres = PostgresServer.resolve();
        postgres.recreateDatabase(database);
        int port = Ports.free();
        Path log = OUTPUT.resolve("moderation-service-from-image.log");
        try (KafkaBroker kafka = KafkaBroker.standalone(OUTPUT.resolve("kafka"))) {
            kafka.start();
            kafka.createTopics("img.");
            ProcessBuilder service = new ProcessBuilder("chroot", "--userspec=185:185", root.toString(),
                    ServiceImages.ENTRYPOINT.get(0)).redirectErrorStream(true).redirectOutput(log.toFile());
            service.command().addAll(ServiceImages.ENTRYPOINT.subList(1, ServiceImages.ENTRYPOINT.size()));
            Map<String, String> environment = service.environment();
            environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1");
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            environment.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            environment.put("QUNGUAN_KAFKA_TOPIC_PREFIX", "img.");
            environment.put("QUNGUAN_JWT_PUBLIC_KEY_LOCATION", "file:/etc/qunguan/jwt/public.pem");
            environment.put("QUNGUAN_JWT_ISSUER", Tokens.ISSUER);
            Process process = service.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                int status = -1;
                while (status != 200 && process.isAlive() && System.nanoTime() < deadline) {
                    try {
                        status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException notListeningYet) {
                        status = -1;
                    }
                    if (status != 200) {
                        Thread.sleep(500); // polling a process starting up
                    }
                }
                assertEquals(200, status, "not ready; its log:\n" + tail(log));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } finally {
            run("umount", proc.toString());
            postgres.dropDatabase(database);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return process.exitValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, byte[]> entries(InputStream tar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Map<String, TarArchiveEntry> layerEntries(byte[] gzipped) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                new java.io.ByteArrayInputStream(gzipped)))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                entries.put(name, entry);
            }
        }
        return entries;
    }

    private static void unpack(byte[] gzipped, Path root) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                new java.io.ByteArrayInputStream(gzipped)))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName().replaceFirst("^/", "")).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                } else {
                    continue;
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions(entry.getMode())));
            }
        }
    }

    /** {@code rwxr-x---} for a mode's lower nine bits. */
    private static String permissions(int mode) {
        StringBuilder text = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) == 0 ? '-' : "rwx".charAt((8 - bit) % 3));
        }
        return text.toString();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
