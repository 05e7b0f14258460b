package org.slotscope.engine.keyspace.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64AndLzfTest {
    @Test
    void crc64MatchesRedisTestVector() {
        // crc64.c's own test: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.crc64(0, "123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void crc64CanBeComputedInPieces() {
        byte[] data = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        long whole = Crc64.crc64(0, data);
        long pieces = Crc64.crc64(Crc64.crc64(0, data, 0, 10), data, 10, data.length - 10);
        assertEquals(whole, pieces);
    }

    @Test
    void lzfRoundTripsRepetitiveAndRandomData() {
        Random random = new Random(7);
        for (int size : new int[] {3, 21, 100, 1000, 9000, 70000}) {
            byte[] repetitive = new byte[size];
            for (int i = 0; i < size; i++) {
                repetitive[i] = (byte) "abcabcabd".charAt(i % 9);
            }
            byte[] compressed = Lzf.compress(repetitive, size + 64);
            assertNotNull(compressed, "size " + size);
            assertArrayEquals(repetitive, Lzf.decompress(compressed, 0, compressed.length, size));

            byte[] noise = new byte[size];
            random.nextBytes(noise);
            byte[] stored = Lzf.compress(noise, size + size / 32 + 64); // literal runs cost 1 byte per 32
            assertNotNull(stored);
            assertArrayEquals(noise, Lzf.decompress(stored, 0, stored.length, size));
        }
    }

    @Test
    void lzfCompressGivesUpWhenOutputWouldNotFit() {
        byte[] noise = new byte[200];
        new Random(1).nextBytes(noise);
        assertNull(Lzf.compress(noise, noise.length - 4)); // rdbSaveLzfStringObject's outlen
        byte[] runs = new byte[200];
        assertTrue(Lzf.compress(runs, runs.length - 4).length < 20);
    }

    @Test
    void lzfDecompressRejectsCorruptStreams() {
        byte[] literal = {0x02, 'a', 'b', 'c'};
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), Lzf.decompress(literal, 0, 4, 3));
        assertNull(Lzf.decompress(literal, 0, 4, 4), "shorter output than announced");
        assertNull(Lzf.decompress(literal, 0, 4, 2), "longer output than announced");
        assertNull(Lzf.decompress(new byte[] {0x05, 'a'}, 0, 2, 6), "literal run past the input");
        assertNull(Lzf.decompress(new byte[] {0x20, 0x00}, 0, 2, 3), "back reference before the start");
        assertNull(Lzf.decompress(new byte[] {0x00, 'a', 0x20}, 0, 3, 4), "back reference cut off");
    }

    @Test
    void lzfBackReferenceMayOverlapItsOwnOutput() {
        // literal "a", then a back reference of 9+2 bytes at distance 1: eleven more "a"s
        byte[] stream = {0x00, 'a', (byte) 0xE0, 0x02, 0x00};
        assertArrayEquals("aaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII), Lzf.decompress(stream, 0, 5, 12));
    }
}
