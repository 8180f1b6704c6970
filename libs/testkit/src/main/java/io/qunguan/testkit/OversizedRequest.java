package io.qunguan.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Announces a body larger than a server accepts and reads the status the server answers with. The body is
 * never sent: a server that refuses by the declared length answers (413) and closes at once, and a client
 * still writing a real body would see a broken pipe instead of the answer.
 */
public final class OversizedRequest {

    private OversizedRequest() {
    }

    /** The HTTP status for a POST to {@code url} declaring {@code contentLength} bytes of {@code contentType}. */
    public static int status(URI url, String contentType, long contentLength) {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            if (parts.length < 2) {
                throw new IllegalStateException("no HTTP status line: " + statusLine);
            }
            return Integer.parseInt(parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
