package org.slotscope.engine.command;

/**
 * One client connection's state on one node (Redis's {@code client} struct, the parts that matter
 * here): the ASKING flag, READONLY, the protocol version chosen with HELLO, the name.
 */
public final class ClientSession {
    private final long id;
    private final String peerAddress;
    private final long createdAt;
    private final boolean masterLink;
    private String name = "";
    private int protocol = 2;
    private boolean asking;
    private boolean readonly;
    private int db;
    private long lastInteraction;
    private String lastCommand = "NULL";
    private boolean closeRequested;
    private boolean freed;
    private boolean authenticated;
    /** multiState: the commands queued since MULTI, or null outside a transaction. */
    private java.util.List<Queued> multiState;
    /** CLIENT_DIRTY_EXEC: a command was rejected while queueing, so EXEC will abort. */
    private boolean dirtyExec;
    /** EXEC is running the queued commands (Redis keeps CLIENT_MULTI set meanwhile). */
    private boolean executingTransaction;

    /** A command queued by MULTI, already looked up and checked. */
    public record Queued(CommandSpec spec, byte[][] argv) {
    }

    public ClientSession(long id, String peerAddress, long createdAt, boolean masterLink) {
        this.id = id;
        this.peerAddress = peerAddress;
        this.createdAt = createdAt;
        this.masterLink = masterLink;
        this.lastInteraction = createdAt;
    }

    public long id() {
        return id;
    }

    public String peerAddress() {
        return peerAddress;
    }

    public long createdAt() {
        return createdAt;
    }

    /** The replication link from a master: its commands are applied without redirection (mustObeyClient). */
    public boolean isMasterLink() {
        return masterLink;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** 2 or 3 (HELLO). */
    public int protocol() {
        return protocol;
    }

    public void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    public boolean asking() {
        return asking;
    }

    public void setAsking(boolean asking) {
        this.asking = asking;
    }

    public boolean readonly() {
        return readonly;
    }

    public void setReadonly(boolean readonly) {
        this.readonly = readonly;
    }

    public int db() {
        return db;
    }

    public void setDb(int db) {
        this.db = db;
    }

    public long lastInteraction() {
        return lastInteraction;
    }

    public String lastCommand() {
        return lastCommand;
    }

    void recordCommand(String fullName, long now) {
        this.lastCommand = fullName;
        this.lastInteraction = now;
    }

    /** QUIT, or a protocol error: the server closes the connection after this reply. */
    public boolean closeRequested() {
        return closeRequested;
    }

    public void requestClose() {
        this.closeRequested = true;
    }

    /**
     * freeClientAsync: the connection is dropped at once, and replies not yet written with it (a
     * cross-protocol attack's "POST" or "Host:", see {@link CommandDispatcher}).
     */
    public boolean freed() {
        return freed;
    }

    public void free() {
        this.freed = true;
    }

    /** AUTH or HELLO ... AUTH succeeded (only matters when requirepass is set). */
    public boolean authenticated() {
        return authenticated;
    }

    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** CLIENT_MULTI: between MULTI and EXEC / DISCARD, commands are queued. */
    public boolean inMulti() {
        return multiState != null;
    }

    /** Queued commands are executing inside EXEC: WAIT, for one, answers at once (as under CLIENT_MULTI). */
    public boolean inTransaction() {
        return multiState != null || executingTransaction;
    }

    void startMulti() {
        multiState = new java.util.ArrayList<>();
        dirtyExec = false;
    }

    void queue(CommandSpec spec, byte[][] argv) {
        multiState.add(new Queued(spec, argv));
    }

    java.util.List<Queued> queued() {
        return multiState == null ? java.util.List.of() : java.util.List.copyOf(multiState);
    }

    /** flagTransaction: a rejected command makes the coming EXEC fail. */
    void flagTransaction() {
        if (multiState != null) {
            dirtyExec = true;
        }
    }

    boolean dirtyExec() {
        return dirtyExec;
    }

    /** discardTransaction: leaves MULTI, forgetting what was queued. */
    void discardTransaction() {
        multiState = null;
        dirtyExec = false;
    }

    void setExecutingTransaction(boolean executing) {
        this.executingTransaction = executing;
    }
}
