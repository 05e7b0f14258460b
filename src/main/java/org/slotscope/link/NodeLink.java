package org.slotscope.link;

import java.nio.charset.StandardCharsets;
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
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return send(argv);
    }

    @Override
    void close();
}
