package org.slotscope.resp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.slotscope.engine.command.Args;

/**
 * The request parser of one connection, following processInputBuffer / processInlineBuffer /
 * processMultibulkBuffer in Redis 7.0's networking.c: a buffer starting with '*' is a RESP array
 * of bulk strings, anything else an inline (telnet) line. Incremental: bytes may arrive split at
 * any point, and one read may hold many requests (pipelining).
 *
 * <p>Faithful quirks, checked against redis-server 7.0.15 (fixtures in
 * src/test/resources/redis7/resp/protocol.txt): the line searches are strchr() calls, so they stop
 * at a NUL byte; after a count line only the '\r' is looked for and the next byte is skipped
 * whatever it is; the two bytes after a bulk payload are skipped unchecked; an empty inline line,
 * "*0" and "*-1" are no command at all.
 */
public final class RequestDecoder {
    /** PROTO_INLINE_MAX_SIZE: the longest inline line, or count line, without its terminator. */
    public static final int PROTO_INLINE_MAX_SIZE = 1024 * 64;
    /** processMultibulkBuffer refuses counts above INT_MAX (7.0.15 accepts 2147483647). */
    public static final long MAX_MULTIBULK_LENGTH = Integer.MAX_VALUE;

    private enum RequestType { UNKNOWN, INLINE, MULTIBULK }

    private byte[] buf = new byte[1024];
    /** qb_pos: where unparsed data starts. */
    private int pos;
    /** end of buffered data. */
    private int end;
    private RequestType reqType = RequestType.UNKNOWN;
    private long multibulkLen;
    private long bulkLen = -1;
    private List<byte[]> argv = new ArrayList<>();
    private volatile long protoMaxBulkLen;
    private String failed;

    public RequestDecoder(long protoMaxBulkLen) {
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    /** proto-max-bulk-len can change at run time (CONFIG SET); Redis reads the current value. */
    public void setProtoMaxBulkLen(long protoMaxBulkLen) {
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    /** True once a protocol error was reported: the connection is closing and further input is ignored. */
    public boolean failed() {
        return failed != null;
    }

    /** Appends {@code data[offset, offset+length)} and returns every request it completes. */
    public DecodeResult decode(byte[] data, int offset, int length) {
        if (failed != null) {
            return DecodeResult.NOTHING;
        }
        append(data, offset, length);
        List<byte[][]> commands = new ArrayList<>();
        String error = null;
        while (pos < end) {
            if (reqType == RequestType.UNKNOWN) {
                reqType = buf[pos] == '*' ? RequestType.MULTIBULK : RequestType.INLINE;
            }
            Step step = reqType == RequestType.INLINE ? processInlineBuffer() : processMultibulkBuffer();
            if (step == Step.INCOMPLETE) {
                break;
            }
            if (step == Step.ERROR) {
                error = failed;
                pos = end; // the rest of the query buffer is never looked at
                break;
            }
            if (!argv.isEmpty()) {
                commands.add(argv.toArray(new byte[0][]));
            }
            resetClient();
        }
        compact();
        if (commands.isEmpty() && error == null) {
            return DecodeResult.NOTHING;
        }
        return new DecodeResult(commands, error);
    }

    public DecodeResult decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    private enum Step { COMPLETE, INCOMPLETE, ERROR }

    private Step processInlineBuffer() {
        int newline = strchr(pos, '\n');
        if (newline < 0) {
            if (end - pos > PROTO_INLINE_MAX_SIZE) {
                return protocolError("Protocol error: too big inline request");
            }
            return Step.INCOMPLETE;
        }
        int lineEnd = newline;
        if (newline != pos && buf[newline - 1] == '\r') {
            lineEnd--;
        }
        List<byte[]> words = InlineSplitter.split(buf, pos, lineEnd);
        if (words == null) {
            return protocolError("Protocol error: unbalanced quotes in request");
        }
        pos = newline + 1;
        argv = words;
        return Step.COMPLETE;
    }

    private Step processMultibulkBuffer() {
        if (multibulkLen == 0) {
            // the multi bulk length cannot be read without a \r\n
            int newline = strchr(pos, '\r');
            if (newline < 0) {
                if (end - pos > PROTO_INLINE_MAX_SIZE) {
                    return protocolError("Protocol error: too big mbulk count string");
                }
                return Step.INCOMPLETE;
            }
            // the buffer should also contain the \n (any byte, in fact: it is skipped unchecked)
            if (newline > end - 2) {
                return Step.INCOMPLETE;
            }
            OptionalLong ll = string2ll(pos + 1, newline);
            if (ll.isEmpty() || ll.getAsLong() > MAX_MULTIBULK_LENGTH) {
                return protocolError("Protocol error: invalid multibulk length");
            }
            pos = newline + 2;
            if (ll.getAsLong() <= 0) {
                return Step.COMPLETE; // "*0" and "*-1": no command
            }
            multibulkLen = ll.getAsLong();
            argv = new ArrayList<>((int) Math.min(multibulkLen, 1024));
        }
        while (multibulkLen > 0) {
            if (bulkLen == -1) {
                int newline = strchr(pos, '\r');
                if (newline < 0) {
                    if (end - pos > PROTO_INLINE_MAX_SIZE) {
                        return protocolError("Protocol error: too big bulk count string");
                    }
                    break;
                }
                if (newline > end - 2) {
                    break;
                }
                if (buf[pos] != '$') {
                    return protocolError("Protocol error: expected '$', got '" + printableAsC(buf[pos]) + "'");
                }
                OptionalLong ll = string2ll(pos + 1, newline);
                if (ll.isEmpty() || ll.getAsLong() < 0 || ll.getAsLong() > protoMaxBulkLen) {
                    return protocolError("Protocol error: invalid bulk length");
                }
                pos = newline + 2;
                bulkLen = ll.getAsLong();
            }
            if ((long) end - pos < bulkLen + 2) {
                break; // not enough data (+2 == trailing \r\n)
            }
            argv.add(Arrays.copyOfRange(buf, pos, pos + (int) bulkLen));
            pos += (int) bulkLen + 2;
            bulkLen = -1;
            multibulkLen--;
        }
        return multibulkLen == 0 ? Step.COMPLETE : Step.INCOMPLETE;
    }

    private Step protocolError(String message) {
        failed = message;
        return Step.ERROR;
    }

    private void resetClient() {
        reqType = RequestType.UNKNOWN;
        multibulkLen = 0;
        bulkLen = -1;
        argv = new ArrayList<>();
    }

    /** strchr from {@code from}: -1 when {@code c} is absent, or a NUL byte comes first. */
    private int strchr(int from, int c) {
        for (int i = from; i < end; i++) {
            byte b = buf[i];
            if (b == c) {
                return i;
            }
            if (b == 0) {
                return -1;
            }
        }
        return -1;
    }

    private OptionalLong string2ll(int from, int to) {
        return Args.parseLong(Arrays.copyOfRange(buf, from, to));
    }

    /**
     * addReplyErrorFormat replaces \r and \n with spaces so the error stays one line; any other
     * byte is written raw (carried as a Latin-1 char).
     */
    private static char printableAsC(byte b) {
        return b == '\r' || b == '\n' ? ' ' : (char) (b & 0xff);
    }

    private void append(byte[] data, int offset, int length) {
        if (end + length > buf.length) {
            compact();
            if (end + length > buf.length) {
                long wanted = Math.max((long) buf.length * 2, (long) end + length);
                if (wanted > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("query buffer over 2 GiB");
                }
                buf = Arrays.copyOf(buf, (int) wanted);
            }
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    private void compact() {
        if (pos == end) {
            pos = 0;
            end = 0;
            if (buf.length > 64 * 1024) {
                buf = new byte[1024]; // let a big argument's buffer go
            }
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
    }
}
