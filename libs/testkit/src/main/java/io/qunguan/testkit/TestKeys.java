package io.qunguan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The key pair that signs the automated tests' tokens: generated for each test JVM into a directory of its own,
 * never kept in the repository or a jar. The directory is named by the process, so the test's class loader and the
 * application's (Quarkus loads the testkit twice) find the same pair.
 */
final class TestKeys {

    private TestKeys() {
    }

    /** The directory holding {@code private.pem} and {@code public.pem}, made on first use. */
    static synchronized Path directory() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"),
                "qunguan-test-keys-" + ProcessHandle.current().pid());
        if (Files.exists(directory.resolve("public.pem"))) {
            return directory;
        }
        try {
            Path fresh = Files.createTempDirectory("qunguan-test-keys-");
            Tokens.generateKeyPair(fresh);
            try {
                // the first of the class loaders to get here wins; the others read its pair
                Files.move(fresh, directory, StandardCopyOption.ATOMIC_MOVE);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            } catch (IOException e) {
                delete(fresh);
                if (!Files.exists(directory.resolve("public.pem"))) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the test key pair was not written", e);
        }
        return directory;
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
