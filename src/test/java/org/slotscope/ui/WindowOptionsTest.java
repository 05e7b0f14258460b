package org.slotscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowOptionsTest {
    @Test
    void workloadOptionStartsTheClientsAtARate() {
        WindowOptions options = WindowOptions.parse(List.of("window", "--masters", "6", "--reshard", "8000",
                "--workload", "2000"));
        assertEquals(2000, options.workloadRate());
        assertEquals(6, options.shape().masters());
        assertEquals(8000, options.reshardSlots());
        assertEquals(0, WindowOptions.parse(List.of()).workloadRate(), "no workload unless asked");
        assertTrue(WindowOptions.isWindowCommandLine(new String[] {"--workload", "200"}));
        assertEquals(2000, options.withShape(options.shape()).workloadRate());
    }

    @Test
    void aBadRateIsAOneLineError() {
        IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
                () -> WindowOptions.parse(List.of("--workload", "9000")));
        assertEquals("--workload must be from 1 to 5000 requests per second: 9000", tooFast.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> WindowOptions.parse(List.of("--workload", "fast")));
        assertEquals("--workload wants a number, not fast", word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WindowOptions.parse(List.of("--workload", "-5")));
    }

    @Test
    void aReshardCanWaitAndRepeatForAWarmMeasurement() {
        WindowOptions options = WindowOptions.parse(List.of("--reshard", "4000", "--reshard-after", "7000",
                "--reshard-rounds", "3"));
        assertEquals(7000, options.reshardAfterMillis());
        assertEquals(3, options.reshardRounds());
        assertEquals(3, options.withShape(options.shape()).reshardRounds());
        WindowOptions plain = WindowOptions.parse(List.of("--reshard", "4000"));
        assertEquals(0, plain.reshardAfterMillis(), "at once unless asked");
        assertEquals(1, plain.reshardRounds(), "one round unless asked");
        assertEquals("--reshard-rounds must be from 1 to 100: 0",
                assertThrows(IllegalArgumentException.class,
                        () -> WindowOptions.parse(List.of("--reshard-rounds", "0"))).getMessage());
        assertEquals("--reshard-after must not be negative: -1",
                assertThrows(IllegalArgumentException.class,
                        () -> WindowOptions.parse(List.of("--reshard-after", "-1"))).getMessage());
    }

    @Test
    void helpIsAskedForAnywhereOnTheLineAndTheUsageNamesEveryOption() {
        assertTrue(WindowOptions.asksForHelp(List.of("window", "--help")));
        assertTrue(WindowOptions.asksForHelp(List.of("--masters", "6", "-h")));
        assertTrue(!WindowOptions.asksForHelp(List.of("window", "--masters", "6")));
        for (String flag : WindowOptions.FLAGS) {
            assertTrue(WindowOptions.USAGE.contains(flag + " ") || WindowOptions.USAGE.contains(flag + "\n"),
                    flag + " is missing from the usage");
        }
    }

    @Test
    void aBadClusterShapeNamesWhatIsWrong() {
        assertEquals("the node timeout must be at least 1 ms: 0", assertThrows(IllegalArgumentException.class,
                () -> WindowOptions.parse(List.of("--node-timeout", "0"))).getMessage());
        assertEquals("replicas per master must not be negative: -1", assertThrows(IllegalArgumentException.class,
                () -> WindowOptions.parse(List.of("--replicas", "-1"))).getMessage());
        assertEquals("a cluster has at most 16384 masters: 16385", assertThrows(IllegalArgumentException.class,
                () -> WindowOptions.parse(List.of("--masters", "16385"))).getMessage());
    }
}
