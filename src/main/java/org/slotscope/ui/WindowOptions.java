package org.slotscope.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.WorkloadSettings;

/**
 * The window's command-line options (`java -jar slotscope.jar window [options]`):
 * <pre>
 *   --frame-stats            print frame-time percentiles, the FX thread's longest block and the
 *                            time to a usable window on exit; show the frame overlay
 *   --masters N --replicas N --keys N --seed N --node-timeout MS   the simulated cluster
 *   --reshard N              once the window is usable, reshard N slots to the last master
 *   --reshard-after MS       start that reshard MS after the window is usable instead
 *   --reshard-rounds K       K such reshards one after the other, each to the next master back; the
 *                            frame statistics restart with each round and are printed at its end
 *                            (the first round also warms the JIT up for the reshard's code)
 *   --workload RATE          once the window is usable, start the client workload at RATE requests
 *                            per second of virtual time (1 to 5000)
 *   --speed X                virtual time per wall time (0.01 to 100)
 *   --screenshot FILE        save the window as PNG --screenshot-delay MS after it is usable, then exit
 *   --exit-after MS          close the window MS after it is usable (benchmarks)
 *   --measure-after MS       start the frame statistics MS after the window is usable (JIT warm-up)
 * </pre>
 */
public record WindowOptions(boolean frameStats, ClusterShape shape, int reshardSlots, double speed, Path screenshot,
                            long screenshotDelayMillis, long exitAfterMillis, long measureAfterMillis,
                            double workloadRate, long reshardAfterMillis, int reshardRounds) {
    static final Set<String> FLAGS = Set.of("--frame-stats", "--masters", "--replicas", "--keys", "--seed",
            "--node-timeout", "--reshard", "--speed", "--screenshot", "--screenshot-delay", "--exit-after", "--measure-after",
            "--workload", "--reshard-after", "--reshard-rounds");

    public static final WindowOptions DEFAULTS = new WindowOptions(false, ClusterShape.DEMO, 0, 1.0, null, 1500, 0, 0, 0, 0, 1);

    /** The same options with another cluster shape. */
    public WindowOptions withShape(ClusterShape other) {
        return new WindowOptions(frameStats, other, reshardSlots, speed, screenshot, screenshotDelayMillis,
                exitAfterMillis, measureAfterMillis, workloadRate, reshardAfterMillis, reshardRounds);
    }

    /** Whether a command line is meant for the window (the launcher asks before picking the CLI). */
    public static boolean isWindowCommandLine(String[] args) {
        return args.length == 0 || "window".equals(args[0]) || FLAGS.contains(args[0]);
    }

    /** @throws IllegalArgumentException with a one-line message for a bad option */
    public static WindowOptions parse(List<String> args) {
        boolean frameStats = false;
        long seed = ClusterShape.DEMO.seed();
        int masters = ClusterShape.DEMO.masters();
        int replicas = ClusterShape.DEMO.replicasPerMaster();
        int keys = ClusterShape.DEMO.demoKeys();
        long nodeTimeout = ClusterShape.DEMO.nodeTimeout();
        int reshard = 0;
        double speed = 1.0;
        Path screenshot = null;
        long screenshotDelay = DEFAULTS.screenshotDelayMillis();
        long exitAfter = 0;
        long measureAfter = 0;
        long reshardAfter = 0;
        int reshardRounds = 1;
        double workload = 0;
        int i = 0;
        if (!args.isEmpty() && args.get(0).equals("window")) {
            i = 1;
        }
        for (; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--frame-stats")) {
                frameStats = true;
                continue;
            }
            if (!FLAGS.contains(option)) {
                throw new IllegalArgumentException("unknown window option: " + option);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(++i);
            try {
                switch (option) {
                    case "--masters" -> masters = Integer.parseInt(value);
                    case "--replicas" -> replicas = Integer.parseInt(value);
                    case "--keys" -> keys = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--node-timeout" -> nodeTimeout = Long.parseLong(value);
                    case "--reshard" -> reshard = Integer.parseInt(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    case "--screenshot" -> screenshot = Path.of(value);
                    case "--screenshot-delay" -> screenshotDelay = Long.parseLong(value);
                    case "--exit-after" -> exitAfter = Long.parseLong(value);
                    case "--measure-after" -> measureAfter = Long.parseLong(value);
                    case "--reshard-after" -> reshardAfter = Long.parseLong(value);
                    case "--reshard-rounds" -> reshardRounds = Integer.parseInt(value);
                    case "--workload" -> workload = Double.parseDouble(value);
                    default -> throw new IllegalStateException(option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " wants a number, not " + value);
            }
        }
        if (speed < 0.01 || speed > 100) {
            throw new IllegalArgumentException("--speed must be from 0.01 to 100: " + speed);
        }
        if (reshard < 0 || reshard > 16384) {
            throw new IllegalArgumentException("--reshard must be from 0 to 16384: " + reshard);
        }
        if (reshardAfter < 0) {
            throw new IllegalArgumentException("--reshard-after must not be negative: " + reshardAfter);
        }
        if (reshardRounds < 1 || reshardRounds > 100) {
            throw new IllegalArgumentException("--reshard-rounds must be from 1 to 100: " + reshardRounds);
        }
        if (workload != 0 && !(workload >= 1 && workload <= WorkloadSettings.MAX_RATE)) {
            throw new IllegalArgumentException("--workload must be from 1 to " + (long) WorkloadSettings.MAX_RATE
                    + " requests per second: " + value(workload));
        }
        ClusterShape shape = new ClusterShape(seed, masters, replicas, keys, nodeTimeout);
        return new WindowOptions(frameStats, shape, reshard, speed, screenshot, screenshotDelay, exitAfter,
                measureAfter, workload, reshardAfter, reshardRounds);
    }

    private static String value(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
