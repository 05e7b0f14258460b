package org.slotscope.engine.node;

/**
 * The cluster settings of one node, with Redis's names and defaults (redis.conf). CONFIG GET/SET
 * reads and writes these.
 */
public final class NodeConfig {
    private long nodeTimeout = 15_000;
    private boolean requireFullCoverage = true;
    private boolean allowReadsWhenDown = false;
    private int migrationBarrier = 1;
    private boolean allowReplicaMigration = true;
    private int replicaValidityFactor = 10;
    private boolean replicaNoFailover = false;
    private long protoMaxBulkLen = 512L * 1024 * 1024;
    private int maxClients = 10_000;
    private String requirePass = "";
    private long replDisklessSyncDelayMillis = 5000;

    public NodeConfig copy() {
        NodeConfig c = new NodeConfig();
        c.nodeTimeout = nodeTimeout;
        c.requireFullCoverage = requireFullCoverage;
        c.allowReadsWhenDown = allowReadsWhenDown;
        c.migrationBarrier = migrationBarrier;
        c.allowReplicaMigration = allowReplicaMigration;
        c.replicaValidityFactor = replicaValidityFactor;
        c.replicaNoFailover = replicaNoFailover;
        c.protoMaxBulkLen = protoMaxBulkLen;
        c.maxClients = maxClients;
        c.requirePass = requirePass;
        c.replDisklessSyncDelayMillis = replDisklessSyncDelayMillis;
        return c;
    }

    /** cluster-node-timeout, milliseconds. */
    public long nodeTimeout() {
        return nodeTimeout;
    }

    public NodeConfig nodeTimeout(long millis) {
        this.nodeTimeout = millis;
        return this;
    }

    /** cluster-require-full-coverage */
    public boolean requireFullCoverage() {
        return requireFullCoverage;
    }

    public NodeConfig requireFullCoverage(boolean value) {
        this.requireFullCoverage = value;
        return this;
    }

    /** cluster-allow-reads-when-down */
    public boolean allowReadsWhenDown() {
        return allowReadsWhenDown;
    }

    public NodeConfig allowReadsWhenDown(boolean value) {
        this.allowReadsWhenDown = value;
        return this;
    }

    /** cluster-migration-barrier */
    public int migrationBarrier() {
        return migrationBarrier;
    }

    public NodeConfig migrationBarrier(int value) {
        this.migrationBarrier = value;
        return this;
    }

    /** cluster-allow-replica-migration */
    public boolean allowReplicaMigration() {
        return allowReplicaMigration;
    }

    public NodeConfig allowReplicaMigration(boolean value) {
        this.allowReplicaMigration = value;
        return this;
    }

    /** cluster-replica-validity-factor */
    public int replicaValidityFactor() {
        return replicaValidityFactor;
    }

    public NodeConfig replicaValidityFactor(int value) {
        this.replicaValidityFactor = value;
        return this;
    }

    /** cluster-replica-no-failover */
    public boolean replicaNoFailover() {
        return replicaNoFailover;
    }

    public NodeConfig replicaNoFailover(boolean value) {
        this.replicaNoFailover = value;
        return this;
    }

    /** proto-max-bulk-len, bytes. */
    public long protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    public NodeConfig protoMaxBulkLen(long value) {
        this.protoMaxBulkLen = value;
        return this;
    }

    /** maxclients */
    public int maxClients() {
        return maxClients;
    }

    public NodeConfig maxClients(int value) {
        this.maxClients = value;
        return this;
    }

    /**
     * repl-diskless-sync-delay (5 s by default in Redis 7.0): a full resync waits this long for more
     * replicas before the snapshot is sent.
     */
    public long replDisklessSyncDelayMillis() {
        return replDisklessSyncDelayMillis;
    }

    public NodeConfig replDisklessSyncDelayMillis(long millis) {
        this.replDisklessSyncDelayMillis = millis;
        return this;
    }

    /** requirepass; empty means none. */
    public String requirePass() {
        return requirePass;
    }

    public NodeConfig requirePass(String value) {
        this.requirePass = value;
        return this;
    }
}
