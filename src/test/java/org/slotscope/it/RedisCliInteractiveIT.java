package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.InteractiveRedisCli;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisBinaries;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * `redis-cli -c -p PORT` with no command: the interactive prompt a tutorial has you type into, on a
 * pseudo-terminal (see {@link InteractiveRedisCli}), against `serve` and against a real Redis 7
 * cluster of the same shape, with the same expected screen. What only the interactive mode shows: the
 * "-> Redirected to slot [..] located at .." line (cliReadReply prints it only when
 * config.interactive), the prompt following the redirect to the node that answered, the hints
 * linenoise shows from the server's COMMAND DOCS, redis-cli's own `connect` command, and that the
 * session survives an error.
 *
 * <p>A = node 0 (0-5460), B = node 1, C = node 2 (10923-16383, so it owns foo's slot 12182), as in the
 * manual migration walk-through. The session starts on A; slot 12182 is then moved from C to A by
 * hand with one-shot redis-cli calls (IMPORTING, MIGRATING, MIGRATE foo, SETSLOT NODE everywhere)
 * between the commands typed at the prompt. The expected lines were taken from redis-cli 7.0.15
 * against a real Redis 7.0.15 cluster; the second test re-checks them against one.
 */
class RedisCliInteractiveIT {
    private static final String SLOT = "12182";
    private static final String[] NAMES = {"A", "B", "C"};
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    @Test
    void interactiveRedisCliFollowsMovedAndAskOnServe() throws Exception {
        RedisCli cli = RedisCli.require();
        RedisBinaries.requireScript();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3", "--replicas", "0")) {
            new Session(cli, serve::port).run();
        }
    }

    @Test
    void theSameSessionOnARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        RedisBinaries.requireScript();
        try (RealCluster real = RealCluster.start(3, 0)) {
            new Session(cli, real::port).run();
        }
    }

    private record Session(RedisCli cli, IntUnaryOperator port) {
        void run() throws InterruptedException {
            String idA = on(A, "CLUSTER", "MYID");
            String idC = on(C, "CLUSTER", "MYID");
            try (InteractiveRedisCli session = InteractiveRedisCli.start(cli,
                    List.of("-c", "-p", String.valueOf(port.applyAsInt(A))))) {
                assertEquals("127.0.0.1:<A>> ", normalised(session.prompt()));

                // MOVED: redis-cli -c reconnects to the owner, says so, and the prompt follows it
                InteractiveRedisCli.Exchange set = expect(session, "set foo bar", A,
                        C, "-> Redirected to slot [12182] located at 127.0.0.1:<C>", "OK");
                assertEquals(" [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT "
                        + "unix-time-milliseconds|KEEPTTL]", set.hint(), "the hint redis-cli builds from COMMAND DOCS");
                // now connected to the owner: no redirect
                expect(session, "get foo", C, C, "\"bar\"");

                // open the slot by hand (C -> A) and move foo: C answers ASK for it
                assertEquals("OK", on(A, "CLUSTER", "SETSLOT", SLOT, "IMPORTING", idC));
                assertEquals("OK", on(C, "CLUSTER", "SETSLOT", SLOT, "MIGRATING", idA));
                assertEquals("OK", on(C, "MIGRATE", "127.0.0.1", String.valueOf(port.applyAsInt(A)), "foo", "0",
                        "5000"));
                // ASK: the same line as MOVED; redis-cli sends ASKING to A before the GET again
                expect(session, "get foo", C, A, "-> Redirected to slot [12182] located at 127.0.0.1:<A>", "\"bar\"");
                // redis-cli does not remember an ASK: typed again on A (importing, no ASKING) it is MOVED
                // back to C, which answers ASK again
                expect(session, "get foo", A, A, "-> Redirected to slot [12182] located at 127.0.0.1:<C>",
                        "-> Redirected to slot [12182] located at 127.0.0.1:<A>", "\"bar\"");

                // finish the move: A owns the slot for every master
                for (int node : new int[] {A, C, B}) {
                    assertEquals("OK", on(node, "CLUSTER", "SETSLOT", SLOT, "NODE", idA));
                }
                expect(session, "get foo", A, A, "\"bar\"");
                // redis-cli's own `connect` to the old owner, which now answers MOVED to A
                expect(session, "connect 127.0.0.1 " + port.applyAsInt(C), A, C);
                expect(session, "get foo", C, A, "-> Redirected to slot [12182] located at 127.0.0.1:<A>", "\"bar\"");

                // bad input: the error is printed and the session goes on
                InteractiveRedisCli.Exchange bad = expect(session, "cluster setslot 99999 stable", A, A,
                        "(error) ERR Invalid or out of range slot");
                assertEquals(" node-id|MIGRATING node-id|NODE node-id|STABLE", bad.hint(),
                        "the hint redis-cli builds from COMMAND DOCS");
                expect(session, "get foo", A, A, "\"bar\"");

                assertEquals(0, session.quit(), session.screenText());
            }
        }

        /**
         * Types {@code command} at the prompt of node {@code at}; requires exactly {@code printed} (ports
         * written <A>, <B>, <C>) and then the prompt of node {@code then}.
         */
        InteractiveRedisCli.Exchange expect(InteractiveRedisCli session, String command, int at, int then,
                String... printed) {
            InteractiveRedisCli.Exchange exchange = session.type(command);
            String context = "`" + command + "`, the screen:\n" + normalised(session.screenText());
            assertEquals("127.0.0.1:<" + NAMES[at] + ">> " + normalised(command), normalised(exchange.typed()), context);
            List<String> shown = new ArrayList<>();
            for (String line : exchange.printed()) {
                shown.add(normalised(line));
            }
            assertEquals(List.of(printed), shown, context);
            assertEquals("127.0.0.1:<" + NAMES[then] + ">> ", normalised(exchange.prompt()), context);
            return exchange;
        }

        /** Each node's port written as its name, <A>, <B> or <C>. */
        String normalised(String text) {
            for (int node = 0; node < NAMES.length; node++) {
                text = text.replaceAll("\\b" + port.applyAsInt(node) + "\\b", "<" + NAMES[node] + ">");
            }
            return text;
        }

        String on(int node, String... command) {
            List<String> args = new ArrayList<>(List.of("-p", String.valueOf(port.applyAsInt(node))));
            args.addAll(List.of(command));
            return cli.raw(args).trim();
        }
    }
}
