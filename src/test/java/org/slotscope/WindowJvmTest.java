package org.slotscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowJvmTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void aPlainJavaJarGetsAChildJvmAndTheChildDoesNot() {
        assertTrue(WindowJvm.shouldRelaunch(List.of(), Map.of(), null));
        assertTrue(WindowJvm.shouldRelaunch(List.of("-Dprism.order=sw"), Map.of(), null), "properties are passed on");
        assertFalse(WindowJvm.shouldRelaunch(List.of(), Map.of(), "true"), "the child itself");
        assertFalse(WindowJvm.shouldRelaunch(List.of(), Map.of(WindowJvm.SAME_JVM_ENV, "1"), null));
    }

    @Test
    void optionsTheUserChoseAreLeftAlone() {
        for (String chosen : List.of("-XX:+UseZGC", "-Xmx2g", "-Xlog:gc", "-agentlib:jdwp=transport=dt_socket",
                "-XX:StartFlightRecording")) {
            assertFalse(WindowJvm.shouldRelaunch(List.of("-Dprism.order=sw", chosen), Map.of(), null), chosen);
        }
    }

    @Test
    void theYoungGenerationIsAQuarterOfTheHeapUpTo128Megabytes() {
        assertEquals(List.of("-Xmn128m", "-XX:MaxTenuringThreshold=0", "-XX:MaxGCPauseMillis=20"),
                WindowJvm.gcOptions(6 * GB));
        assertEquals("-Xmn64m", WindowJvm.gcOptions(GB / 4).get(0));
        assertEquals("-Xmn16m", WindowJvm.gcOptions(GB / 32).get(0), "and at least 16 MB");
    }

    @Test
    void theChildCompilesWithC1OnlyUnlessAskedForTieredCompilation() {
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), WindowJvm.compilerOptions(List.of("-Dprism.order=sw")));
        assertEquals(List.of("-XX:TieredStopAtLevel=1"),
                WindowJvm.compilerOptions(List.of("-Dslotscope.windowCompiler=c2")), "an unknown value");
        assertEquals(List.of(), WindowJvm.compilerOptions(List.of("-Dslotscope.windowCompiler=tiered")));
        List<String> command = WindowJvm.command("/jdk", List.of("-Dslotscope.windowCompiler=tiered"), 6 * GB,
                List.of(), 1L, "a.jar", "Main", new String[0]);
        assertFalse(command.stream().anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel")), command.toString());
    }

    @Test
    void theChildRunsTheSameClassPathPropertiesAndArguments() {
        List<String> command = WindowJvm.command("/jdk", List.of("-Dprism.order=sw"), 6 * GB,
                List.of("-XX:SharedArchiveFile=/cache/window-1.jsa"), 1234L,
                "target/slotscope.jar", "org.slotscope.Launcher", new String[] {"window", "--frame-stats"});
        String java = "/jdk" + File.separator + "bin" + File.separator + "java";
        assertEquals(List.of(java, "-Dprism.order=sw", "-Xmn128m", "-XX:MaxTenuringThreshold=0",
                "-XX:MaxGCPauseMillis=20", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/cache/window-1.jsa", "-Dslotscope.windowJvm=true", "-Dslotscope.launchedAt=1234", "-cp",
                "target/slotscope.jar", "org.slotscope.Launcher", "window", "--frame-stats"), command);
    }
}
