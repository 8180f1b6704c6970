package io.qunguan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Random;

/** Loopback ports: a free one, and whether something answers on one. */
public final class Ports {

    private static final Random RANDOM = new SecureRandom();

    private Ports() {
    }

    /**
     * A port that is free now, below the kernel's ephemeral range (32768 and up here): a port handed out for any
     * {@code bind(0)} or outgoing connection is never one a test server was given, nor one a killed service is
     * about to listen on again.
     */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }

    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
