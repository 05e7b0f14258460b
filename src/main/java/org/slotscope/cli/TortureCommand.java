package org.slotscope.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.slotscope.torture.ClusterRepair;
import org.slotscope.torture.TortureRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Deterministic simulation testing from the command line: many seeds, each a random cluster and a
 * random schedule of faults under load, checked at the end. Prints one line per failing seed with
 * the command that replays it, and a summary with a hash of every seed's trace.
 */
@Command(name = "torture", mixinStandardHelpOptions = true,
        description = "Run random fault schedules under load on simulated clusters and check nothing breaks.")
final class TortureCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "100", description = "How many seeds to run (default: 100).")
    int seeds;

    @Option(names = "--seed", description = "The first seed (default 1); alone, replays just that seed.")
    Long seed;

    @Option(names = "--minutes", description = "Start no new seed after this many wall-clock minutes.")
    Double minutes;

    @Option(names = "--workload-seconds", defaultValue = "20",
            description = "Virtual seconds of load per seed (default: 20).")
    int workloadSeconds;

    @Option(names = "--faults", defaultValue = "6", description = "Actions per schedule, at most (default: 6).")
    int faults;

    @Option(names = "--only", split = ",", description = "Only these actions: ${COMPLETION-CANDIDATES}.")
    java.util.Set<TortureRun.Fault> only;

    @Option(names = "--no-fix", description = "Do not run `cluster fix` after healing; the schedule then keeps "
            + "moves apart from other faults and never cuts a MIGRATE.")
    boolean noFix;

    @Option(names = {"-v", "--verbose"}, description = "Print every seed's schedule and outcome.")
    boolean verbose;

    @Override
    public Integer call() throws NoSuchAlgorithmException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        String bad = seeds < 1 ? "--seeds must be positive: " + seeds
                : workloadSeconds < 1 ? "--workload-seconds must be positive: " + workloadSeconds
                : faults < 0 ? "--faults must not be negative: " + faults
                : minutes != null && !(minutes > 0) ? "--minutes must be positive: " + minutes : null;
        if (bad != null) {
            spec.commandLine().getErr().println("[ERR] " + bad);
            return 2;
        }
        long first = seed == null ? 1 : seed;
        int count = seed != null && !explicitSeeds() ? 1 : seeds;
        TortureRun.Options options = new TortureRun.Options(workloadSeconds * 1000L, faults,
                noFix ? ClusterRepair.NONE : ClusterRepair.FIX);
        if (only != null && !only.isEmpty()) {
            options = options.only(only);
        }
        MessageDigest traces = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        int passed = 0;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            if (minutes != null && (System.nanoTime() - start) / 60e9 >= minutes) {
                break;
            }
            long s = first + i;
            TortureRun.Result result = TortureRun.run(s, options);
            traces.update((s + " " + result.traceHash() + "\n").getBytes(StandardCharsets.UTF_8));
            if (result.passed()) {
                passed++;
            } else {
                failed++;
                out.println("FAIL seed " + s + ": " + result.failures().get(0) + "  replay: java -jar "
                        + "target/slotscope.jar torture --seed " + s + workloadArgs() + " -v");
            }
            if (verbose) {
                out.println("seed " + s + " (" + result.shape() + "): " + (result.passed() ? "passed" : "FAILED")
                        + ", " + result.operations() + " operations (" + result.unknownOutcomes()
                        + " timed out, outcome unknown), " + result.explainedLosses()
                        + " writes lost for a known reason, " + result.virtualMillis() + " virtual ms, trace "
                        + result.traceHash());
                result.actions().forEach(a -> out.println("  " + a));
                out.println("  traffic: " + result.traffic());
                result.failures().forEach(f -> out.println("  ! " + f));
            }
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        out.printf("%d passed, %d failed, traces %s (%.1f s, %.1f seeds/min)%n", passed, failed,
                HexFormat.of().formatHex(traces.digest()), wallSeconds, (passed + failed) / wallSeconds * 60);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private boolean explicitSeeds() {
        return spec.commandLine().getParseResult().hasMatchedOption("--seeds");
    }

    private String workloadArgs() {
        return (workloadSeconds != 20 ? " --workload-seconds " + workloadSeconds : "")
                + (faults != 6 ? " --faults " + faults : "")
                + (only != null && !only.isEmpty() ? " --only " + String.join(",", only.stream().map(Enum::name)
                        .sorted().toList()) : "");
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
}
