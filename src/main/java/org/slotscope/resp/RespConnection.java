package org.slotscope.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

/**
 * One client connection to one simulated node. The connection lives on the engine thread itself
 * (see {@link RespServer#newEngineLoop}): Netty reads and decodes there, and everything decoded
 * from one read burst (channelRead up to channelReadComplete) is executed in order and answered
 * with one flush, the way Redis answers a pipeline from one read(2) in its ae loop, with no
 * hand-off between threads.
 */
final class RespConnection extends ChannelInboundHandlerAdapter {
    /** Read bursts waiting for their turn before this connection stops reading (back-pressure). */
    static final int MAX_BATCHES_IN_FLIGHT = 4;
    /**
     * Commands executed per turn before the rest of the burst goes to the back of the engine's
     * queue, so one client pipelining thousands of commands cannot stall every other client of
     * every simulated node (Redis reads at most PROTO_IOBUF_LEN per client per event-loop turn).
     */
    static final int MAX_COMMANDS_PER_TURN = 512;
    private static final byte[] MAX_CLIENTS_REACHED =
            "-ERR max number of clients reached\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final RespServer server;
    private final ClusterNode node;
    private final RequestDecoder decoder;

    private Channel channel;
    private List<byte[][]> pending = new ArrayList<>();
    private String pendingError;
    private long pendingInputBytes;
    private int batchesInFlight;
    private ClientSession session;
    private boolean finished;
    private final java.util.ArrayDeque<Batch> engineQueue = new java.util.ArrayDeque<>();
    private boolean turnScheduled;
    private Reply.Blocked blockedOn;

    RespConnection(RespServer server, ClusterNode node, long protoMaxBulkLen) {
        this.server = server;
        this.node = node;
        this.decoder = new RequestDecoder(protoMaxBulkLen);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (!node.isRunning()) {
            finished = true;
            channel.close();
        } else if (node.stats().connectedClients >= node.config().maxClients()) {
            // acceptCommonHandler: over maxclients the connection gets this one error, then is closed
            finished = true;
            channel.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS_REACHED)).addListener(ChannelFutureListener.CLOSE);
        } else {
            session = cluster().connect(node, peerAddress(channel.remoteAddress()));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int length = in.readableBytes();
            pendingInputBytes += length;
            if (decoder.failed()) {
                return;
            }
            DecodeResult result;
            if (in.hasArray()) {
                result = decoder.decode(in.array(), in.arrayOffset() + in.readerIndex(), length);
            } else {
                byte[] copy = new byte[length];
                in.getBytes(in.readerIndex(), copy);
                result = decoder.decode(copy, 0, length);
            }
            pending.addAll(result.commands());
            if (result.hasProtocolError()) {
                // input after the error is still read, and dropped: closing with unread data would
                // make the kernel send a reset that can destroy the error reply in flight
                pendingError = result.protocolError();
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending.isEmpty() && pendingError == null) {
            ctx.fireChannelReadComplete();
            return;
        }
        engineQueue.add(new Batch(pending, pendingError, pendingInputBytes));
        pending = new ArrayList<>();
        pendingError = null;
        pendingInputBytes = 0;
        batchesInFlight++;
        updateAutoRead();
        if (!turnScheduled && blockedOn == null) {
            runTurn(); // the common case: answer what was just read, at once
        }
        ctx.fireChannelReadComplete();
    }

    /** A read burst not fully executed yet; {@code next} is the first command not yet run. */
    private static final class Batch {
        final List<byte[][]> commands;
        final String protocolError;
        final long inputBytes;
        int next;

        Batch(List<byte[][]> commands, String protocolError, long inputBytes) {
            this.commands = commands;
            this.protocolError = protocolError;
            this.inputBytes = inputBytes;
        }
    }

    /** The next turn of this connection goes behind everyone else's work on the engine thread. */
    private void scheduleTurn() {
        if (!turnScheduled) {
            turnScheduled = true;
            try {
                channel.eventLoop().execute(this::runTurn);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                channel.close(); // the engine is shutting down
            }
        }
    }

    /**
     * Executes up to MAX_COMMANDS_PER_TURN commands of this connection, in order, encoding each
     * reply with the protocol in force after the command, and flushes once; what is left waits for
     * the next turn, so other clients interleave but this client's order holds.
     */
    private void runTurn() {
        turnScheduled = false;
        if (blockedOn != null) {
            return; // a blocked client reads nothing until its reply is ready
        }
        Batch batch = engineQueue.peek();
        if (batch == null) {
            return;
        }
        int from = batch.next;
        int to = Math.min(batch.commands.size(), from + MAX_COMMANDS_PER_TURN);
        boolean lastTurn = to == batch.commands.size();
        Outcome outcome = Outcome.NOTHING;
        try {
            outcome = execute(batch.commands.subList(from, to), lastTurn ? batch.protocolError : null,
                    from == 0 ? batch.inputBytes : 0);
        } finally {
            Outcome result = outcome;
            batch.next = outcome.blocked() != null ? from + outcome.consumed() : to;
            boolean batchDone = !finished && result.blocked() == null
                    ? batch.next >= batch.commands.size() : result.close() || finished;
            if (batchDone) {
                engineQueue.poll();
                finishBatch(result);
            } else {
                writeReplies(result);
            }
            if (finished) {
                engineQueue.clear();
            } else if (result.blocked() != null) {
                block(result.blocked(), batch);
            } else if (!engineQueue.isEmpty()) {
                scheduleTurn();
            }
        }
    }

    /**
     * Parks the connection until the blocked command's reply is ready, writes it, then goes on with
     * the rest of the pipeline (the batch that blocked finishes when its last command has).
     */
    private void block(Reply.Blocked blocked, Batch batch) {
        blockedOn = blocked;
        cluster().whenReady(blocked, reply -> {
            blockedOn = null;
            if (finished) {
                return;
            }
            ByteSink out = new ByteSink();
            ReplyEncoder.encode(reply, session.protocol(), out);
            node.stats().netOutputBytes += out.size();
            Outcome written = new Outcome(Unpooled.wrappedBuffer(out.array(), 0, out.size()), false, 0, null);
            boolean batchDone = batch.next >= batch.commands.size() && batch.protocolError == null;
            if (batchDone && engineQueue.peek() == batch) {
                engineQueue.poll();
                finishBatch(written);
            } else {
                writeReplies(written);
            }
            if (!engineQueue.isEmpty()) {
                scheduleTurn();
            }
        });
    }

    /** The replies of a turn that is not the batch's last. */
    private void writeReplies(Outcome outcome) {
        if (outcome.replies() != null) {
            channel.writeAndFlush(outcome.replies(), channel.voidPromise());
        }
    }

    /**
     * What the engine produced for one turn: reply bytes, whether the connection ends after them,
     * how many commands ran, and the command that blocked the client (WAIT, a frozen node), if any.
     */
    private record Outcome(ByteBuf replies, boolean close, int consumed, Reply.Blocked blocked) {
        static final Outcome NOTHING = new Outcome(null, false, 0, null);
        static final Outcome DROP = new Outcome(null, true, 0, null);
    }

    private Outcome execute(List<byte[][]> commands, String protocolError, long inputBytes) {
        if (finished || session == null) {
            return Outcome.NOTHING;
        }
        if (!node.isRunning()) {
            // the process is gone: the request is lost and the connection drops
            finished = true;
            return Outcome.DROP;
        }
        node.stats().netInputBytes += inputBytes;
        SimCluster cluster = cluster();
        ByteSink out = new ByteSink();
        boolean close = false;
        int consumed = 0;
        Reply.Blocked blocked = null;
        for (byte[][] argv : commands) {
            consumed++;
            Reply reply;
            try {
                reply = cluster.execute(node, session, argv);
            } catch (RuntimeException bug) {
                // a defect in a simulated command must not hang this client or the pipeline's order
                server.warn("internal error executing " + Args.text(argv[0]) + " on " + node.address() + ": " + bug);
                reply = Reply.err("internal error in the simulator: " + bug);
            }
            if (!node.isRunning() || session.freed()) {
                // SHUTDOWN (or a crash caused by the command): a real server exits without replying;
                // a freed client loses the replies of its batch not yet written (freeClientAsync)
                finished = true;
                return Outcome.DROP;
            }
            if (reply instanceof Reply.Blocked b) {
                blocked = b; // the rest of the pipeline waits for this reply
                break;
            }
            if (reply != null) {
                ReplyEncoder.encode(reply, session.protocol(), out);
            }
            if (session.closeRequested()) {
                close = true; // CLIENT_CLOSE_AFTER_REPLY: the rest of the pipeline is not executed
                break;
            }
        }
        if (!close && blocked == null && protocolError != null) {
            out.write(DecodeResult.protocolErrorReply(protocolError));
            close = true;
        }
        node.stats().netOutputBytes += out.size();
        decoder.setProtoMaxBulkLen(node.config().protoMaxBulkLen());
        if (close) {
            finished = true;
        }
        return new Outcome(out.size() > 0 ? Unpooled.wrappedBuffer(out.array(), 0, out.size()) : null, close,
                consumed, blocked);
    }

    private void finishBatch(Outcome outcome) {
        batchesInFlight--;
        if (outcome.replies() != null) {
            if (outcome.close()) {
                channel.writeAndFlush(outcome.replies()).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.writeAndFlush(outcome.replies(), channel.voidPromise());
            }
        } else if (outcome.close()) {
            channel.close();
        }
        updateAutoRead();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    /** Read while the engine keeps up and the client takes its replies. */
    private void updateAutoRead() {
        boolean read = batchesInFlight < MAX_BATCHES_IN_FLIGHT && channel.isWritable();
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finished = true;
        if (session != null) {
            cluster().disconnect(node, session);
            session = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the peer, mostly: the connection is simply gone, as for redis-server
        ctx.close();
    }

    private SimCluster cluster() {
        return server.engine().cluster();
    }

    private static String peerAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
