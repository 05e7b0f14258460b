package org.slotscope.engine.command;

import org.junit.jupiter.api.Test;

/** Each data command family replayed against replies captured from a real Redis 7.0.15. */
class RedisFixtureReplayTest {
    @Test
    void stringCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("strings.txt");
    }

    @Test
    void keyspaceCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("keys.txt");
    }

    @Test
    void listCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("lists.txt");
    }

    @Test
    void setCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("sets.txt");
    }

    @Test
    void hashCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("hashes.txt");
    }

    @Test
    void sortedSetCommandsReplyLikeRedis7() {
        RedisFixture.assertMatches("zsets.txt");
    }

    @Test
    void resp3RepliesUseDoublesMapsAndSetsLikeRedis7() {
        RedisFixture.assertMatches("resp3.txt");
    }
}
