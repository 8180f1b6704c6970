package io.qunguan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> config;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    /**
     * The JVM of the tests: quick to start and small, for four services and a broker on two cores (C1 only, a
     * 384 MiB heap). Not production's: the load harness and the local run take {@code deploy/jvm/production.options}.
     */
    public static final List<String> TEST_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    public ServiceProcess(String name, Path jar, int port, Map<String, String> config, Path log) {
        this(name, jar, port, config, log, TEST_JVM);
    }

    public ServiceProcess(String name, Path jar, int port, Map<String, String> config, Path log,
            List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.config = new TreeMap<>(config);
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The operating system's process id while it runs. */
    public synchronized java.util.OptionalLong pid() {
        return process != null && process.isAlive() ? java.util.OptionalLong.of(process.pid())
                : java.util.OptionalLong.empty();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the process; {@link #awaitReady(Duration)} waits for it to serve. */
    public synchronized void start() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.terminate(process);
        process = null;
    }

    /** SIGKILL, as a crash: no graceful shutdown, nothing flushed. {@link #start()} starts it again. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
