package io.z3chat.local.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A {@code /ws/chat} client over a plain TCP socket with a small receive buffer, so that when it does not read,
 * nothing reads for it: the network fills within kilobytes and the server's frames wait at the server, as they do
 * for a stalled tab or a saturated link. (The JDK's WebSocket client keeps reading into memory whatever its demand.)
 */
final class StalledSocket implements AutoCloseable {

    /** One frame from the server: its opcode and payload (a close frame's payload starts with its code). */
    record Frame(int opcode, byte[] payload) {
        static final int TEXT = 1;
        static final int CLOSE = 8;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private StalledSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens the socket with the session's cookies and the public origin, and completes the upgrade. */
    static StalledSocket open(BrowserSession session, String gatewayUrl) throws IOException {
        URI uri = URI.create(gatewayUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(8192);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        // a read that waits this long fails (SocketTimeoutException) instead of hanging the suite
        socket.setSoTimeout(30_000);
        StalledSocket client = new StalledSocket(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET /ws/chat HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: " + gatewayUrl + "\r\n"
                + "Cookie: " + session.cookieHeader() + "\r\n\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String response = client.readHeaders();
        if (!response.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new AssertionError("the upgrade was refused: " + response);
        }
        return client;
    }

    /** Sends one JSON text frame, masked as a client must. */
    void send(Map<String, Object> frame) throws IOException {
        byte[] payload = BrowserSession.JSON.writeValueAsBytes(frame);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x80 | Frame.TEXT);
        if (payload.length < 126) {
            bytes.write(0x80 | payload.length);
        } else {
            bytes.write(0x80 | 126);
            bytes.write(payload.length >>> 8);
            bytes.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        bytes.write(mask);
        for (int i = 0; i < payload.length; i++) {
            bytes.write(payload[i] ^ mask[i % 4]);
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    /** The next whole message (continuation frames joined), or the close frame; null at the end of the stream. */
    Frame read() throws IOException {
        int opcode = -1;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = readByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = ((long) readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                return null;
            }
            int frameOpcode = first & 0x0f;
            if (frameOpcode >= 8) {
                if (frameOpcode == Frame.CLOSE) {
                    return new Frame(Frame.CLOSE, payload);
                }
                continue; // ping or pong: not a message
            }
            if (frameOpcode != 0) {
                opcode = frameOpcode;
            }
            message.write(payload);
            if ((first & 0x80) != 0) {
                return new Frame(opcode, message.toByteArray());
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame");
        }
        return b;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = readByte();
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
