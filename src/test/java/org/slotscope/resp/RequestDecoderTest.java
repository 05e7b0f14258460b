package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
    private static final long MAX_BULK = 512L * 1024 * 1024;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> words(byte[][] argv) {
        return Arrays.stream(argv).map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.toList());
    }

    private static List<List<String>> commands(DecodeResult result) {
        return result.commands().stream().map(RequestDecoderTest::words).collect(Collectors.toList());
    }

    /** Feeds {@code input} in pieces of {@code step} bytes and gathers everything decoded. */
    private static DecodeResult feedInPieces(byte[] input, int step) {
        RequestDecoder decoder = new RequestDecoder(MAX_BULK);
        List<byte[][]> all = new ArrayList<>();
        String error = null;
        for (int i = 0; i < input.length && error == null; i += step) {
            DecodeResult r = decoder.decode(input, i, Math.min(step, input.length - i));
            all.addAll(r.commands());
            error = r.protocolError();
        }
        return new DecodeResult(all, error);
    }

    @Test
    void decodesOneMultibulkCommand() {
        DecodeResult r = new RequestDecoder(MAX_BULK).decode(b("*3\r\n$3\r\nSET\r\n$3\r\nfoo\r\n$3\r\nbar\r\n"));
        assertEquals(List.of(List.of("SET", "foo", "bar")), commands(r));
        assertNull(r.protocolError());
    }

    @Test
    void decodesAPipelineOfMixedRequestsFromOneRead() {
        DecodeResult r = new RequestDecoder(MAX_BULK).decode(
                b("*1\r\n$4\r\nPING\r\nECHO hi\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\nPING\n"));
        assertEquals(List.of(List.of("PING"), List.of("ECHO", "hi"), List.of("ECHO", ""), List.of("PING")), commands(r));
    }

    @Test
    void frameSplitAtEveryByteGivesTheSameCommands() {
        byte[] pipeline = b("*3\r\n$3\r\nSET\r\n$5\r\nk\r\ney\r\n$3\r\nbar\r\nGET \"a b\" 'c'\r\n*1\r\n$4\r\nPING\r\n");
        List<List<String>> whole = commands(new RequestDecoder(MAX_BULK).decode(pipeline));
        assertEquals(List.of(List.of("SET", "k\r\ney", "bar"), List.of("GET", "a b", "c"), List.of("PING")), whole);
        for (int cut = 1; cut < pipeline.length; cut++) {
            RequestDecoder decoder = new RequestDecoder(MAX_BULK);
            List<List<String>> got = new ArrayList<>(commands(decoder.decode(pipeline, 0, cut)));
            got.addAll(commands(decoder.decode(pipeline, cut, pipeline.length - cut)));
            assertEquals(whole, got, "split at byte " + cut);
        }
        assertEquals(whole, commands(feedInPieces(pipeline, 1)), "one byte per read");
    }

    @Test
    void incompleteFrameYieldsNothingUntilTheRestArrives() {
        RequestDecoder decoder = new RequestDecoder(MAX_BULK);
        assertTrue(decoder.decode(b("*2\r\n$4\r\nECHO\r\n$5\r\nhel")).isEmpty());
        assertTrue(decoder.decode(b("lo\r")).isEmpty());
        assertEquals(List.of(List.of("ECHO", "hello")), commands(decoder.decode(b("\n"))));
    }

    @Test
    void bulkPayloadIsBinarySafe() {
        byte[] payload = {0, '\r', '\n', (byte) 0xff, '*', '$'};
        byte[] head = b("*2\r\n$4\r\nECHO\r\n$6\r\n");
        byte[] frame = new byte[head.length + payload.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(payload, 0, frame, head.length, payload.length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        DecodeResult r = new RequestDecoder(MAX_BULK).decode(frame);
        assertArrayEquals(payload, r.commands().get(0)[1]);
    }

    @Test
    void emptyInlineLinesAndNonPositiveCountsAreNoCommand() {
        DecodeResult r = new RequestDecoder(MAX_BULK).decode(b("\r\n\n   \r\n*0\r\n*-1\r\nPING\r\n"));
        assertEquals(List.of(List.of("PING")), commands(r));
    }

    @Test
    void invalidMultibulkLength() {
        assertEquals("Protocol error: invalid multibulk length",
                new RequestDecoder(MAX_BULK).decode(b("*abc\r\n")).protocolError());
        assertEquals("Protocol error: invalid multibulk length",
                new RequestDecoder(MAX_BULK).decode(b("*2147483648\r\n")).protocolError());
    }

    @Test
    void multibulkCountUpToIntMaxIsAccepted() {
        // redis-server 7.0.15 waits for the arguments of *2147483647 (and of *1073741825)
        DecodeResult r = new RequestDecoder(MAX_BULK).decode(b("*2147483647\r\n"));
        assertTrue(r.isEmpty());
    }

    @Test
    void expectedDollarQuotesTheOffendingByteAndBlanksNewlines() {
        assertEquals("Protocol error: expected '$', got 'x'",
                new RequestDecoder(MAX_BULK).decode(b("*1\r\nx3\r\n")).protocolError());
        assertEquals("Protocol error: expected '$', got ' '",
                new RequestDecoder(MAX_BULK).decode(b("*1\r\n\n$4\r\nPING\r\n")).protocolError());
    }

    @Test
    void invalidBulkLength() {
        for (String frame : List.of("*1\r\n$abc\r\n", "*1\r\n$-1\r\n", "*1\r\n$536870913\r\n", "*1\r\n$\r\n")) {
            assertEquals("Protocol error: invalid bulk length",
                    new RequestDecoder(MAX_BULK).decode(b(frame)).protocolError(), frame);
        }
    }

    @Test
    void bulkLengthAboveProtoMaxBulkLenIsInvalid() {
        RequestDecoder decoder = new RequestDecoder(10);
        assertTrue(decoder.decode(b("*1\r\n$10\r\n")).isEmpty());
        RequestDecoder small = new RequestDecoder(10);
        assertEquals("Protocol error: invalid bulk length", small.decode(b("*1\r\n$11\r\n")).protocolError());
    }

    @Test
    void unbalancedQuotes() {
        for (String line : List.of("PING \"abc\r\n", "PING 'abc\r\n", "ECHO \"a\"b\r\n", "ECHO 'a'b\r\n")) {
            assertEquals("Protocol error: unbalanced quotes in request",
                    new RequestDecoder(MAX_BULK).decode(b(line)).protocolError(), line);
        }
    }

    @Test
    void tooBigInlineRequest() {
        RequestDecoder decoder = new RequestDecoder(MAX_BULK);
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 4; i++) {
            assertTrue(decoder.decode(chunk).isEmpty(), "64 KiB without a newline is still allowed");
        }
        assertEquals("Protocol error: too big inline request", decoder.decode(b("a")).protocolError());
    }

    @Test
    void tooBigCountStrings() {
        byte[] digits = new byte[70_000];
        Arrays.fill(digits, (byte) '1');
        RequestDecoder mbulk = new RequestDecoder(MAX_BULK);
        mbulk.decode(b("*"));
        assertEquals("Protocol error: too big mbulk count string", mbulk.decode(digits).protocolError());
        RequestDecoder bulk = new RequestDecoder(MAX_BULK);
        bulk.decode(b("*1\r\n$"));
        assertEquals("Protocol error: too big bulk count string", bulk.decode(digits).protocolError());
    }

    @Test
    void commandsBeforeAnErrorAreKeptAndInputAfterItIgnored() {
        RequestDecoder decoder = new RequestDecoder(MAX_BULK);
        DecodeResult r = decoder.decode(b("PING\r\n*1\r\n$4\r\nPING\r\n*x\r\nPING\r\n"));
        assertEquals(List.of(List.of("PING"), List.of("PING")), commands(r));
        assertEquals("Protocol error: invalid multibulk length", r.protocolError());
        assertArrayEquals(b("-ERR Protocol error: invalid multibulk length\r\n"), r.protocolErrorReply());
        assertTrue(decoder.failed());
        assertTrue(decoder.decode(b("PING\r\n")).isEmpty());
    }

    @Test
    void bytesAfterCountCarriageReturnAndAfterBulkPayloadAreSkippedUnchecked() {
        assertEquals(List.of(List.of("PING")), commands(new RequestDecoder(MAX_BULK).decode(b("*1\rX$4\r\nPING\r\n"))));
        assertEquals(List.of(List.of("PING"), List.of("PING")),
                commands(new RequestDecoder(MAX_BULK).decode(b("*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n"))));
    }

    @Test
    void nulByteStopsTheInlineLineSearchLikeStrchr() {
        RequestDecoder decoder = new RequestDecoder(MAX_BULK);
        assertTrue(decoder.decode(b("ECHO a\0b\r\nPING\r\n")).isEmpty());
        assertFalse(decoder.failed());
    }

    @Test
    void everyCapturedRequestDecodesTheSameWholeAndInPieces() {
        for (RespFixtures.Case c : RespFixtures.all("protocol.txt")) {
            DecodeResult whole = new RequestDecoder(MAX_BULK).decode(c.request());
            DecodeResult pieces = feedInPieces(c.request(), c.request().length > 2000 ? 1000 : 1);
            assertEquals(commands(whole), commands(pieces), c.name());
            assertEquals(whole.protocolError(), pieces.protocolError(), c.name());
            boolean redisReportedError = c.replyText().contains("-ERR Protocol error");
            assertEquals(redisReportedError, whole.hasProtocolError(), c.name());
            if (redisReportedError) {
                assertTrue(c.replyText().endsWith(new String(whole.protocolErrorReply(), StandardCharsets.ISO_8859_1)),
                        c.name() + ": " + c.replyText());
            }
        }
    }
}
