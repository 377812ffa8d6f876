package dev.hestyle.cli.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare HTTP/1.1 connection to a loopback server, for what a well-behaved client never does: send a
 * header or body a byte at a time, declare a body and never send it, or just sit there.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;

    RawHttp(URI base) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
        socket.setTcpNoDelay(true);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Whether the server has sent anything yet (without waiting). */
    boolean answered() throws IOException {
        return socket.getInputStream().available() > 0;
    }

    /**
     * Reads what the server sends until it closes the connection or {@code timeout} passes with
     * nothing more, and returns it (status line, headers and body as text).
     */
    String read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                String s = out.toString(StandardCharsets.UTF_8);
                if (complete(s)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing more within the timeout: return what came
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A whole response: headers and as many body bytes as its Content-Length says. */
    private static boolean complete(String s) {
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : s.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return s.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return true;
    }

    /** Whether the server closed the connection within {@code timeout} (end of stream or reset). */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (in.read(buf) >= 0) {
                // an error response before closing is fine: keep reading until the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** The status code of a response read by {@link #read}. */
    static int status(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
    }

    /** The body of a response read by {@link #read}. */
    static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
