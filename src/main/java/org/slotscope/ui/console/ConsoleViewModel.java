package org.slotscope.ui.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.link.SimLink;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.Background;

/**
 * A redis-cli in the window: type a command for the chosen node, read the reply as redis-cli prints
 * it. With cluster mode on (redis-cli -c) a MOVED or ASK is followed as redis-cli follows it: it says
 * "-> Redirected to slot [s] located at host:port", sends ASKING first after an ASK, and stays
 * connected to the new node. Commands go through journaled links on a background thread, so they
 * are inputs of the run (replayed by a rewind) and the FX thread never waits.
 */
public final class ConsoleViewModel {
    /** redis-cli follows redirects until it gets an answer; stop a loop between two confused nodes. */
    static final int MAX_REDIRECTS = 16;
    static final int MAX_TRANSCRIPT_LINES = 2_000;

    private final SimulationSession session;
    private final Background background;
    private final ObservableList<String> nodes = FXCollections.observableArrayList();
    private final StringProperty node = new SimpleStringProperty(this, "node");
    private final BooleanProperty clusterMode = new SimpleBooleanProperty(this, "clusterMode", false);
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final ObservableList<String> transcript = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final Map<String, SimLink> links = new ConcurrentHashMap<>();
    private volatile int linksGeneration = -1;

    public ConsoleViewModel(SimulationSession session, Background background) {
        this.session = session;
        this.background = background;
    }

    public ObservableList<String> nodes() {
        return nodes;
    }

    public StringProperty nodeProperty() {
        return node;
    }

    public BooleanProperty clusterModeProperty() {
        return clusterMode;
    }

    public StringProperty inputProperty() {
        return input;
    }

    public ObservableList<String> transcript() {
        return transcript;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** redis-cli's prompt for the chosen node. */
    public String prompt() {
        return (node.get() == null ? "not connected" : node.get()) + "> ";
    }

    /** Keeps the node list in step with the cluster (nodes added later appear too). */
    public void apply(ClusterSnapshot snapshot) {
        List<String> addresses = new ArrayList<>();
        for (NodeSnapshot n : snapshot.nodes()) {
            addresses.add(n.address());
        }
        if (!addresses.equals(nodes)) {
            nodes.setAll(addresses);
        }
        if (node.get() == null && !addresses.isEmpty()) {
            node.set(addresses.get(0));
        }
    }

    /** Sends the typed line; the reply is appended to the transcript when it arrives. */
    public void submit() {
        String line = input.get() == null ? "" : input.get().trim();
        if (line.isEmpty() || busy.get()) {
            return;
        }
        String address = node.get();
        append(List.of(prompt() + line));
        input.set("");
        List<byte[]> args = ArgSplitter.split(line);
        if (args == null) {
            append(List.of("Invalid argument(s)"));
            return;
        }
        if (args.isEmpty() || address == null) {
            return;
        }
        boolean follow = clusterMode.get();
        busy.set(true);
        background.run(() -> execute(address, args, follow), result -> {
            append(result.lines());
            node.set(result.address());
            busy.set(false);
        }, error -> {
            append(List.of("(error) " + error.getMessage()));
            busy.set(false);
        });
    }

    /** What one typed command printed, and the node redis-cli is connected to afterwards. */
    record Result(List<String> lines, String address) {
    }

    /** On a background thread: send, follow redirects if asked, format as redis-cli. */
    Result execute(String startAddress, List<byte[]> args, boolean follow) {
        List<String> words = new ArrayList<>();
        for (byte[] arg : args) {
            words.add(new String(arg, StandardCharsets.UTF_8));
        }
        byte[][] argv = args.toArray(new byte[0][]);
        List<String> lines = new ArrayList<>();
        String address = startAddress;
        boolean asking = false;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            NodeLink link;
            Reply reply;
            try {
                link = link(address);
                if (asking) {
                    link.send("ASKING");
                }
                reply = link.send(argv);
            } catch (LinkException e) {
                // what redis-cli prints when the node's port is closed
                lines.add("Could not connect to Redis at " + address + ": Connection refused");
                return new Result(lines, address);
            }
            Redirect redirect = follow ? Redirect.parse(reply) : null;
            if (redirect == null) {
                for (String printed : ReplyFormatter.format(words, reply).split("\n", -1)) {
                    // CLUSTER INFO and INFO end their lines with CRLF: a terminal shows no CR
                    lines.add(printed.endsWith("\r") ? printed.substring(0, printed.length() - 1) : printed);
                }
                return new Result(lines, address);
            }
            // cliReadReply in cluster mode: say where we go, reconnect there, ASKING first after an ASK
            lines.add("-> Redirected to slot [" + redirect.slot() + "] located at " + redirect.address());
            address = redirect.address();
            asking = redirect.ask();
        }
        lines.add("(error) too many redirections");
        return new Result(lines, address);
    }

    private NodeLink link(String address) {
        int generation = session.generation();
        if (generation != linksGeneration) {
            // a rewind replaced the engine: connections to the old one are gone
            links.clear();
            linksGeneration = generation;
        }
        return links.computeIfAbsent(address, a -> {
            SimLink opened = (SimLink) session.connector().connect(a);
            session.animateClient(opened.clientId());
            return opened;
        });
    }

    private void append(List<String> lines) {
        transcript.addAll(lines);
        if (transcript.size() > MAX_TRANSCRIPT_LINES) {
            transcript.remove(0, transcript.size() - MAX_TRANSCRIPT_LINES);
        }
    }

    /** A -MOVED or -ASK error, as redis-cli parses it: "MOVED 3999 127.0.0.1:6381". */
    record Redirect(boolean ask, int slot, String address) {
        static Redirect parse(Reply reply) {
            if (!(reply instanceof Reply.Error error)) {
                return null;
            }
            String[] parts = error.message().split(" ");
            if (parts.length != 3 || !(parts[0].equals("MOVED") || parts[0].equals("ASK"))) {
                return null;
            }
            try {
                return new Redirect(parts[0].equals("ASK"), Integer.parseInt(parts[1]), parts[2]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
