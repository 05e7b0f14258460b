package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;

class ReplyEncoderTest {
    private static final Map<String, RespFixtures.Case> REDIS = RespFixtures.load("replies.txt");

    private static String resp2(Reply... replies) {
        return encode(2, replies);
    }

    private static String resp3(Reply... replies) {
        return encode(3, replies);
    }

    private static String encode(int protocol, Reply... replies) {
        ByteSink out = new ByteSink();
        for (Reply r : replies) {
            ReplyEncoder.encode(r, protocol, out);
        }
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /** The captured reply stream ends with what we write for the same values (earlier replies are setup). */
    private static void assertRedisEndsWith(String fixture, String ours) {
        String redis = REDIS.get(fixture).replyText();
        assertTrue(redis.endsWith(ours), fixture + ": redis sent\n" + redis + "\nwe write\n" + ours);
    }

    @Test
    void simpleTypesAreTheSameInBothProtocols() {
        for (int protocol : new int[] {2, 3}) {
            assertEquals("+OK\r\n", encode(protocol, Reply.ok()));
            assertEquals("-ERR boom\r\n", encode(protocol, Reply.err("boom")));
            assertEquals(":-42\r\n", encode(protocol, Reply.integer(-42)));
            assertEquals("$3\r\nbar\r\n", encode(protocol, Reply.bulk("bar")));
            assertEquals("$0\r\n\r\n", encode(protocol, Reply.bulk("")));
            assertEquals("*2\r\n$1\r\na\r\n:1\r\n", encode(protocol, Reply.array(Reply.bulk("a"), Reply.ONE)));
            assertEquals("*0\r\n", encode(protocol, Reply.EMPTY_ARRAY));
        }
        assertRedisEndsWith("resp3IntegerAndSimple", resp3(Reply.PONG, Reply.ZERO, Reply.bulk("hi")));
    }

    @Test
    void errorAndStatusLinesNeverCarryNewlines() {
        assertEquals("-ERR a b\r\n", resp2(Reply.err("a\nb")));
        assertEquals("+x y\r\n", resp3(Reply.simple("x\ry")));
    }

    @Test
    void nullsAreDollarMinusOneAndStarMinusOneInResp2AndUnderscoreInResp3() {
        assertEquals("$-1\r\n*-1\r\n", resp2(Reply.NIL, Reply.NIL_ARRAY));
        assertEquals("_\r\n_\r\n", resp3(Reply.NIL, Reply.NIL_ARRAY));
        assertRedisEndsWith("resp2Null", resp2(Reply.NIL, Reply.NIL_ARRAY));
        assertRedisEndsWith("resp3Null", resp3(Reply.NIL, Reply.NIL_ARRAY));
    }

    @Test
    void mapIsPercentInResp3AndAFlatArrayInResp2() {
        Reply map = Reply.map(List.of(Reply.bulk("maxmemory"), Reply.bulk("0")));
        assertEquals("%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n", resp3(map));
        assertEquals("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n", resp2(map));
        assertRedisEndsWith("resp3Map", resp3(map));
        assertRedisEndsWith("resp2Map", resp2(map));
    }

    @Test
    void setIsTildeInResp3AndAnArrayInResp2() {
        Reply set = new Reply.SetReply(List.of(Reply.bulk("x")));
        assertEquals("~1\r\n$1\r\nx\r\n", resp3(set));
        assertRedisEndsWith("resp3Set", resp3(set));
        assertRedisEndsWith("resp2Set", resp2(set));
    }

    @Test
    void doubleIsCommaInResp3AndABulkStringInResp2() {
        Reply[] scores = {
            new Reply.DoubleReply(1.5), new Reply.DoubleReply(0.1), new Reply.DoubleReply(Double.POSITIVE_INFINITY),
            new Reply.DoubleReply(Double.NEGATIVE_INFINITY), new Reply.DoubleReply(3)};
        assertEquals(",1.5\r\n,0.10000000000000001\r\n,inf\r\n,-inf\r\n,3\r\n", resp3(scores));
        assertEquals("$3\r\n1.5\r\n$19\r\n0.10000000000000001\r\n$3\r\ninf\r\n$4\r\n-inf\r\n$1\r\n3\r\n", resp2(scores));
        assertRedisEndsWith("resp3Double", resp3(scores));
        assertRedisEndsWith("resp2Double", resp2(scores));
        assertEquals(",nan\r\n", resp3(new Reply.DoubleReply(Double.NaN)));
        assertEquals("$3\r\nnan\r\n", resp2(new Reply.DoubleReply(Double.NaN)));
    }

    @Test
    void verbatimIsEqualsTxtInResp3AndABulkStringInResp2() {
        assertEquals("=9\r\ntxt:hello\r\n", resp3(Reply.verbatim("hello")));
        assertEquals("$5\r\nhello\r\n", resp2(Reply.verbatim("hello")));
        // LOLWUT's reply: a UTF-8 text whose length counts bytes plus the 4 of "txt:"
        String redis = REDIS.get("resp3Verbatim").replyText();
        int start = redis.indexOf("txt:") + 4;
        String text = new String(redis.substring(start, redis.length() - 2).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        assertRedisEndsWith("resp3Verbatim", resp3(Reply.verbatim(text)));
    }

    @Test
    void nestedAggregatesDegradeRecursivelyInResp2() {
        Reply nested = Reply.array(Reply.map(List.of(Reply.bulk("k"), new Reply.DoubleReply(2.5))),
                new Reply.SetReply(List.of(Reply.NIL)));
        assertEquals("*2\r\n*2\r\n$1\r\nk\r\n$3\r\n2.5\r\n*1\r\n$-1\r\n", resp2(nested));
        assertEquals("*2\r\n%1\r\n$1\r\nk\r\n,2.5\r\n~1\r\n_\r\n", resp3(nested));
    }

    @Test
    void errorRepliesMatchRedisInResp3() {
        assertRedisEndsWith("resp3Errors", resp3(Reply.err("unknown command 'FOO', with args beginning with: "),
                Reply.err("wrong number of arguments for 'set' command")));
    }

    @Test
    void doublesAreFormattedLikeCPrintfG17() throws java.io.IOException {
        int checked = 0;
        try (var in = ReplyEncoderTest.class.getResourceAsStream("/redis7/resp/g17.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                double value = Double.parseDouble(parts[0]); // Java reads C99 hex floats
                assertEquals(parts[1], ReplyEncoder.formatDouble(value), line);
                checked++;
            }
        }
        assertTrue(checked > 30, "fixture read");
    }
}
