package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking socket that sends raw bytes and checks the exact bytes that come back. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly as many bytes as {@code expected} has and compares them. */
    void expect(byte[] expected) throws IOException {
        byte[] got = in.readNBytes(expected.length);
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(got, StandardCharsets.ISO_8859_1));
    }

    void expect(String expected) throws IOException {
        expect(expected.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Everything until the server closes the connection (fails if it stays open). */
    byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the server did not close the connection; received so far: "
                    + new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
        } catch (SocketException e) {
            // reset by the server after its reply: still closed
        }
        return out.toByteArray();
    }

    /** Asserts nothing arrives within {@code millis} and the connection stays open. */
    void expectSilence(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            fail(b < 0 ? "the server closed the connection" : "unexpected byte " + b);
        } catch (SocketTimeoutException expected) {
            // silence, as wanted
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
