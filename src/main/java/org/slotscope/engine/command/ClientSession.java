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
    private boolean authenticated;

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

    /** AUTH or HELLO ... AUTH succeeded (only matters when requirepass is set). */
    public boolean authenticated() {
        return authenticated;
    }

    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }
}
