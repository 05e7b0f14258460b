package org.slotscope.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.WorkloadSettings;

/**
 * The window's command-line options (`java -jar slotscope.jar window [options]`), listed in
 * {@link #USAGE}, which `window --help` prints.
 */
public record WindowOptions(boolean frameStats, ClusterShape shape, int reshardSlots, double speed, Path screenshot,
                            long screenshotDelayMillis, long exitAfterMillis, long measureAfterMillis,
                            double workloadRate, long reshardAfterMillis, int reshardRounds) {
    static final Set<String> FLAGS = Set.of("--frame-stats", "--masters", "--replicas", "--keys", "--seed",
            "--node-timeout", "--reshard", "--speed", "--screenshot", "--screenshot-delay", "--exit-after", "--measure-after",
            "--workload", "--reshard-after", "--reshard-rounds");

    /** What `window --help` prints. */
    public static final String USAGE = """
            Usage: slotscope [window] [options]
            Opens the window on a simulated Redis Cluster. Every option is optional.
              --masters N --replicas N --keys N --seed N --node-timeout MS
                                       the simulated cluster (default: 3 masters, 1 replica each,
                                       1000 keys, seed 1, node timeout 5000 ms)
              --speed X                virtual time per wall time, 0.01 to 100 (default 1)
              --workload RATE          once the window is usable, start the clients at RATE requests
                                       per second of virtual time (1 to 5000)
              --reshard N              once the window is usable, reshard N slots to the last master
              --reshard-after MS       start that reshard MS after the window is usable instead
              --reshard-rounds K       K such reshards one after the other, each to the next master back;
                                       the frame statistics restart with each round
              --frame-stats            show the frame overlay; on exit print frame-time percentiles,
                                       the FX thread's longest block and the time to a usable window
              --measure-after MS       start the frame statistics MS after the window is usable
              --screenshot FILE        save the window as PNG --screenshot-delay MS (default 1500)
                                       after it is usable, then exit
              --exit-after MS          close the window MS after it is usable
              -h, --help               print this and exit
            The rest of the command line: slotscope --help
            """;

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

    /** Whether a window command line asks for {@link #USAGE} (`window --help`, `window -h`). */
    public static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
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
