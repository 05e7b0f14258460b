package org.slotscope.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one read produced: the complete commands, in order, and possibly a protocol error after
 * them. Redis runs the commands parsed before the error, writes the error and closes the
 * connection (setProtocolError sets CLIENT_CLOSE_AFTER_REPLY).
 */
public record DecodeResult(List<byte[][]> commands, String protocolError) {
    public static final DecodeResult NOTHING = new DecodeResult(List.of(), null);

    public boolean hasProtocolError() {
        return protocolError != null;
    }

    public boolean isEmpty() {
        return commands.isEmpty() && protocolError == null;
    }

    /**
     * The error as Redis writes it, "-ERR Protocol error: ...\r\n". Latin-1 so the raw byte that
     * "expected '$', got '%c'" quotes goes back out unchanged, as C's %c writes it.
     */
    public byte[] protocolErrorReply() {
        return protocolErrorReply(protocolError);
    }

    static byte[] protocolErrorReply(String protocolError) {
        return ("-ERR " + protocolError + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
