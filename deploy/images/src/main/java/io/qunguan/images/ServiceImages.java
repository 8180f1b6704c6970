package io.qunguan.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The four services' OCI images, each written as a tarball ({@code docker load} or {@code podman load} takes it, a
 * registry takes it through {@code skopeo copy}), built without a Docker daemon and without a registry: no base image
 * is pulled. The layers, least changing first: a minimal root filesystem unpacked from the Debian packages of
 * {@code base-packages.txt}; a Java runtime jlinked from the JDK that runs the build; {@code /etc/passwd} with the
 * service's user 185; then the Quarkus fast-jar's {@code lib/boot}, {@code lib/main}, {@code quarkus} and {@code app}.
 * Every file's time is the same fixed instant and the image's creation time is the epoch, so the same inputs give the
 * same image, byte for byte.
 */
public final class ServiceImages {

    public static final List<String> SERVICES = List.of("group-service", "moderation-service",
            "notification-service", "reporting-service");
    /** The user the services run as, as the Kubernetes manifests ask ({@code runAsUser: 185}). */
    public static final String USER = "185";
    public static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar");
    /**
     * What the services use of the JDK: Java SE, and the modules beyond it that Quarkus, Kafka's clients and the
     * services need (the unsupported API for Netty, the management beans, DNS naming, Kerberos-free SASL, every
     * charset and locale for Chinese text and dates).
     */
    static final String MODULES = "java.se,jdk.unsupported,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.security.auth,"
            + "jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.net";

    private final Path projectRoot;
    private final Path output;
    private final String prefix;
    private final String tag;

    /**
     * @param prefix what comes before each service's name, e.g. {@code registry.example.com/qunguan}
     * @param tag the images' tag, the project's version
     */
    public ServiceImages(Path projectRoot, Path output, String prefix, String tag) {
        this.projectRoot = projectRoot;
        this.output = output;
        this.prefix = prefix;
        this.tag = tag;
    }

    /** {@code <project root> <output directory> [<prefix> [<tag>]]}: builds every service's image. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        ServiceImages images = new ServiceImages(root, Path.of(args[1]).toAbsolutePath(),
                args.length > 2 && !args[2].isEmpty() ? args[2] : "qunguan",
                args.length > 3 && !args[3].isEmpty() ? args[3] : version(root));
        for (String service : SERVICES) {
            System.out.println("[images] " + images.build(service));
        }
    }

    /** The image's name, e.g. {@code registry.example.com/qunguan/group-service:0.1.0}. */
    public String name(String service) {
        return prefix + "/" + service + ":" + tag;
    }

    /** Builds {@code service}'s image into {@code <output>/<service>.tar}; returns that path. */
    public Path build(String service) throws Exception {
        Path app = projectRoot.resolve(service).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(service + " is not packaged: no " + app.resolve("quarkus-run.jar"));
        }
        Path rootfs = baseRootFilesystem();
        Path runtime = runtime();
        Path tarball = output.resolve(service + ".tar");
        Files.createDirectories(output);
        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setCreationTime(Instant.EPOCH)
                .addFileEntriesLayer(layer("base", rootfs, AbsoluteUnixPath.get("/")))
                .addFileEntriesLayer(layer("java", runtime, AbsoluteUnixPath.get("/opt/java")))
                .addFileEntriesLayer(accounts())
                .addFileEntriesLayer(layer("lib-boot", app.resolve("lib/boot"),
                        AbsoluteUnixPath.get("/deployments/lib/boot")))
                .addFileEntriesLayer(layer("lib-main", app.resolve("lib/main"),
                        AbsoluteUnixPath.get("/deployments/lib/main")))
                .addFileEntriesLayer(layer("quarkus", app.resolve("quarkus"),
                        AbsoluteUnixPath.get("/deployments/quarkus")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("app")
                        .addEntryRecursive(app.resolve("app"), AbsoluteUnixPath.get("/deployments/app"))
                        .addEntry(app.resolve("quarkus-run.jar"), AbsoluteUnixPath.get("/deployments/quarkus-run.jar"))
                        .build())
                .setEntrypoint(ENTRYPOINT)
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get("/deployments"))
                .setEnvironment(Map.of("JAVA_HOME", "/opt/java", "LANG", "C.UTF-8"))
                .setExposedPorts(Set.of(Port.tcp(8080)))
                .setLabels(Map.of("org.opencontainers.image.title", service,
                        "org.opencontainers.image.version", tag));
        image.containerize(Containerizer.to(TarImage.at(tarball).named(name(service)))
                .setApplicationLayersCache(output.resolve("cache/application"))
                .setBaseImageLayersCache(output.resolve("cache/base")));
        return tarball;
    }

    /** A layer of everything under {@code source}, each file with the permissions it has there. */
    private static FileEntriesLayer layer(String name, Path source, AbsoluteUnixPath target) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        // the root itself is no entry of a layer: its children are
        List<Path> children;
        try (Stream<Path> listed = Files.list(source)) {
            children = target.toString().equals("/") ? listed.sorted().toList() : List.of(source);
        }
        for (Path child : children) {
            AbsoluteUnixPath into = target.toString().equals("/") ? target.resolve(child.getFileName().toString())
                    : target;
            layer.addEntryRecursive(child, into, (file, inContainer) -> permissionsOf(file),
                    FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER);
        }
        return layer.build();
    }

    private static FilePermissions permissionsOf(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return FilePermissions.fromPosixFilePermissions(permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /etc/passwd} and {@code /etc/group} naming the user 185, and a {@code /tmp} anyone may write (Jib writes no sticky bit; Kubernetes mounts an emptyDir there). */
    private FileEntriesLayer accounts() throws IOException {
        Path etc = output.resolve("work/etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "qunguan:x:185:185:Qunguan:/deployments:/sbin/nologin\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), "root:x:0:\nqunguan:x:185:\n", StandardCharsets.UTF_8);
        Path tmp = output.resolve("work/tmp");
        Files.createDirectories(tmp);
        return FileEntriesLayer.builder().setName("accounts")
                .addEntry(etc.resolve("passwd"), AbsoluteUnixPath.get("/etc/passwd"))
                .addEntry(etc.resolve("group"), AbsoluteUnixPath.get("/etc/group"))
                .addEntry(tmp, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"))
                .build();
    }

    /**
     * The Debian packages of {@code base-packages.txt}, at the versions it names, unpacked: the C library and what the
     * JVM links to. Downloaded once into {@code <output>/work/debs} with {@code apt-get download}.
     */
    Path baseRootFilesystem() throws IOException, InterruptedException {
        Path rootfs = output.resolve("work/rootfs");
        if (Files.isDirectory(rootfs.resolve("lib64"))) {
            return rootfs;
        }
        Path debs = output.resolve("work/debs");
        Files.createDirectories(debs);
        List<String> packages = Files.readAllLines(projectRoot.resolve("deploy/images/base-packages.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> download = new ArrayList<>(List.of("apt-get", "download", "-q"));
        download.addAll(packages);
        run(debs, download);
        Path unpacking = output.resolve("work/rootfs-unpacking");
        delete(unpacking);
        try (Stream<Path> files = Files.list(debs)) {
            for (Path deb : files.filter(file -> file.toString().endsWith(".deb")).sorted().toList()) {
                run(debs, List.of("dpkg-deb", "-x", deb.toString(), unpacking.toString()));
            }
        }
        // documentation and translations nobody reads in a container
        delete(unpacking.resolve("usr/share"));
        // a link pointing at an absolute path would be followed on the build machine: each becomes a copy of the file
        // it names inside the root filesystem
        try (Stream<Path> paths = Files.walk(unpacking)) {
            for (Path link : paths.filter(Files::isSymbolicLink).toList()) {
                Path target = Files.readSymbolicLink(link);
                Path inside = target.isAbsolute() ? unpacking.resolve(target.toString().substring(1))
                        : link.getParent().resolve(target);
                if (!Files.isRegularFile(inside)) {
                    throw new IllegalStateException(link + " names " + target + ", not a file of the packages");
                }
                Files.delete(link);
                Files.copy(inside, link, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.move(unpacking, rootfs);
        return rootfs;
    }

    /** A Java runtime of {@link #MODULES}, jlinked from the JDK that runs this build. */
    Path runtime() throws IOException, InterruptedException {
        Path runtime = output.resolve("work/java");
        if (Files.isRegularFile(runtime.resolve("bin/java"))) {
            return runtime;
        }
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        run(output, List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=zip-6", "--output", runtime.toString()));
        return runtime;
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The project's version, the tag unless one is given: the root pom's own {@code <version>}. */
    static String version(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        int start = pom.indexOf("<version>", pom.indexOf("<artifactId>qunguan-parent</artifactId>"));
        return pom.substring(start + "<version>".length(), pom.indexOf("</version>", start));
    }
}
