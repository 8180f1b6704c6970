package io.qunguan.testkit;

import java.util.concurrent.TimeUnit;

/** Stopping child processes the way every launcher here does. */
final class Processes {

    private Processes() {
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
