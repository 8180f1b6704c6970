package io.qunguan.testkit;

/** Whether Testcontainers can reach a Docker daemon; asked once per JVM. */
final class Docker {

    private static volatile Boolean available;

    private Docker() {
    }

    static boolean available() {
        if (Boolean.parseBoolean(System.getProperty("qunguan.testkit.no-docker", "false"))) {
            return false;
        }
        if (available == null) {
            boolean answer;
            try {
                answer = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                answer = false;
            }
            available = answer;
        }
        return available;
    }
}
