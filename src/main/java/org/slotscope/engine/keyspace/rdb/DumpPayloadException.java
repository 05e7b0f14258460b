package org.slotscope.engine.keyspace.rdb;

/**
 * A DUMP payload RESTORE cannot use. The two reasons are the two errors restoreCommand replies
 * with: the footer check failed (verifyDumpPayload), or the object did not load (rdbLoadObject).
 */
public final class DumpPayloadException extends Exception {
    public enum Reason {
        /** "DUMP payload version or checksum are wrong". */
        VERSION_OR_CHECKSUM,
        /** "Bad data format". */
        BAD_DATA_FORMAT
    }

    private final Reason reason;

    public DumpPayloadException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public static DumpPayloadException badFormat(String detail) {
        return new DumpPayloadException(Reason.BAD_DATA_FORMAT, detail);
    }

    public Reason reason() {
        return reason;
    }
}
