package io.qunguan.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
 * giving the same image byte for byte; and the image's own Java starting, in a chroot of its unpacked layers.
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
                    target.toFile().setExecutable((entry.getMode() & 0100) != 0, false);
                }
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
