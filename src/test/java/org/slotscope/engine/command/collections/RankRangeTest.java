package org.slotscope.engine.command.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rank-range rules LRANGE, LTRIM and ZRANGE share, on five elements (indexes 0..4). */
class RankRangeTest {
    @Test
    void negativeIndexesCountFromTheTail() {
        assertEquals(new RankRange(0, 4), RankRange.of(0, -1, 5));
        assertEquals(new RankRange(3, 4), RankRange.of(-2, -1, 5));
    }

    @Test
    void startIsClampedToZeroAndEndToTheLastElement() {
        assertEquals(new RankRange(0, 2), RankRange.of(-100, 2, 5));
        assertEquals(new RankRange(3, 4), RankRange.of(3, 100, 5));
        assertEquals(2, RankRange.of(3, 100, 5).count());
    }

    @Test
    void startAfterEndOrPastTheLastElementIsEmpty() {
        assertTrue(RankRange.of(3, 1, 5).isEmpty());
        assertTrue(RankRange.of(5, 10, 5).isEmpty());
        assertTrue(RankRange.of(-10, -7, 5).isEmpty());
        assertTrue(RankRange.of(0, -1, 0).isEmpty());
    }
}
