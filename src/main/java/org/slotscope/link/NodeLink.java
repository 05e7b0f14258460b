package org.slotscope.link;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.command.Reply;

/**
 * "Send this command to that node, get the reply": the one seam between the cluster operations,
 * the client and the views above, and the nodes below, simulated ({@link SimLink}) or real
 * ({@link JedisLink}). Errors come back as {@link Reply.Error} replies; a node that cannot be
 * reached raises {@link LinkException}.
 */
public interface NodeLink extends AutoCloseable {
    /** host:port of the node. */
    String address();

    Reply send(byte[]... argv);

    default Reply send(String... words) {
        return send(argv(words));
    }

    /**
     * Sends several commands in one go (a pipeline: all written, then all replies read) and returns
     * the replies in order. Saves one round trip per command; the node still runs them one by one.
     */
    default List<Reply> pipeline(List<byte[][]> commands) {
        List<Reply> replies = new ArrayList<>(commands.size());
        for (byte[][] command : commands) {
            replies.add(send(command));
        }
        return replies;
    }

    /** Words to argv, for building pipelines. */
    static byte[][] argv(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }

    @Override
    void close();
}
