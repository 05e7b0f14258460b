package org.slotscope.engine.keyspace.rdb;

/**
 * LZF, the compression Redis uses for long strings in RDB files and DUMP payloads
 * (lzf_c.c / lzf_d.c of liblzf 3.6 as Redis ships it: HLOG 16, VERY_FAST, a table of
 * offsets).
 *
 * <p>Stream format: {@code 000LLLLL} followed by L+1 literal bytes; {@code LLLooooo oooooooo}
 * a back reference of L+2 bytes at distance o+1; {@code 111ooooo LLLLLLLL oooooooo} a back
 * reference of L+9 bytes.
 */
public final class Lzf {
    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private Lzf() {
    }

    /**
     * lzf_compress: compresses {@code in} into at most about {@code outLen} bytes and returns the
     * compressed bytes, or null when it does not fit (lzf_compress returned 0). Ported step by step
     * so the output is the bytes Redis writes for the same input when its hash table is clean.
     */
    public static byte[] compress(byte[] in, int outLen) {
        return compress(in, outLen, newHashTable());
    }

    /** A fresh hash table for {@link #compress(byte[], int, int[])}. */
    public static int[] newHashTable() {
        return new int[HSIZE];
    }

    /**
     * lzf_compress with a caller-owned hash table of offsets (LZF_USE_OFFSETS). Redis keeps the table
     * on the stack without clearing it, so offsets left by the previous call can add matches; passing
     * the same table to consecutive calls reproduces that, byte for byte.
     */
    public static byte[] compress(byte[] in, int outLen, int[] htab) {
        int inLen = in.length;
        if (inLen == 0 || outLen == 0) {
            return null;
        }
        // Redis allocates outlen+1 and lets the run-start byte sit one past the end; keep slack.
        byte[] out = new byte[outLen + 4];
        int ip = 0;
        int op = 0;
        int inEnd = inLen;
        int outEnd = outLen;
        int lit = 0;
        op++; // start run

        int hval = inLen >= 2 ? first(in, ip) : 0;
        while (ip < inEnd - 2) {
            hval = next(hval, in, ip);
            int slot = idx(hval);
            int ref = htab[slot];
            htab[slot] = ip;
            int off = ip - ref - 1; // unsigned in C: a stale offset at or past ip fails too
            if (off >= 0 && off < MAX_OFF && ref > 0
                    && in[ref + 2] == in[ip + 2] && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxlen = inEnd - ip - len;
                maxlen = Math.min(maxlen, MAX_REF);

                // a faster conservative test, then the exact one
                if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) {
                    return null;
                }
                out[op - lit - 1] = (byte) (lit - 1); // stop run
                if (lit == 0) {
                    op--; // undo run if length is zero
                }
                len = matchLength(in, ref, ip, len, maxlen);

                len -= 2; // len is now #octets - 1
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // start run

                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                // VERY_FAST: re-hash the last two positions of the match.
                ip -= 2;
                hval = first(in, ip);
                hval = next(hval, in, ip);
                htab[idx(hval)] = ip;
                ip++;
                hval = next(hval, in, ip);
                htab[idx(hval)] = ip;
                ip++;
            } else {
                if (op >= outEnd) {
                    return null;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outEnd) { // at most 3 bytes can be missing here
            return null;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1); // end run
        if (lit == 0) {
            op--;
        }
        return java.util.Arrays.copyOf(out, op);
    }

    /** The match extension loop of lzf_compress, including its 16-step unrolled prefix. */
    private static int matchLength(byte[] in, int ref, int ip, int len, int maxlen) {
        if (maxlen > 16) {
            for (int i = 0; i < 16; i++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    private static int first(byte[] in, int p) {
        return ((in[p] & 0xff) << 8) | (in[p + 1] & 0xff);
    }

    private static int next(int v, byte[] in, int p) {
        return (v << 8) | (in[p + 2] & 0xff);
    }

    /**
     * IDX as Redis's lzf_c.c computes it with VERY_FAST: ((h >> (3*8 - HLOG)) - h*5) & (HSIZE - 1),
     * in unsigned 32-bit arithmetic. (liblzf's multiplicative hash gives other collisions, and
     * then other bytes than redis-server 7.0.15 writes: the cross-check test compares them.)
     */
    private static int idx(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * lzf_decompress into exactly {@code expectedLength} bytes. Returns null for a corrupt stream:
     * a literal or back reference running past either buffer (E2BIG / EINVAL in lzf_d.c), or an
     * output of another length (rdbLoadLzfStringObject rejects that too).
     */
    public static byte[] decompress(byte[] in, int inOffset, int inLength, int expectedLength) {
        byte[] out = new byte[expectedLength];
        int ip = inOffset;
        int inEnd = inOffset + inLength;
        int op = 0;
        int outEnd = expectedLength;
        while (ip < inEnd) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < (1 << 5)) { // literal run
                ctrl++;
                if (op + ctrl > outEnd || ip + ctrl > inEnd) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, ctrl);
                op += ctrl;
                ip += ctrl;
            } else { // back reference
                int len = ctrl >>> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (ip >= inEnd) {
                    return null;
                }
                if (len == 7) {
                    len += in[ip++] & 0xff;
                    if (ip >= inEnd) {
                        return null;
                    }
                }
                ref -= in[ip++] & 0xff;
                if (op + len + 2 > outEnd || ref < 0) {
                    return null;
                }
                // byte by byte: the source may overlap the bytes being written (a run)
                for (int i = 0; i < len + 2; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        return op == expectedLength ? out : null;
    }
}
