package io.qunguan.testkit;

import java.util.concurrent.TimeUnit;

/** Stopping child processes the way every launcher here does. */
final class Processes {

    private Processes() {
    }

    /** SIGKILL, as a crash: no shutdown hook runs. Waits until it is gone. */
    static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited after 20 s. */
    static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
