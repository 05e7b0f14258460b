package org.slotscope.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Picks the keys of the next operation by the workload's distribution. */
final class KeyChooser {
    private static final double ZIPF_EXPONENT = 0.99;

    private final WorkloadOptions options;
    private final Random random;
    private final double[] zipfCumulative;

    KeyChooser(WorkloadOptions options, Random random) {
        this.options = options;
        this.random = random;
        if (options.distribution() == KeyDistribution.ZIPF) {
            zipfCumulative = new double[options.keys()];
            double sum = 0;
            for (int i = 0; i < options.keys(); i++) {
                sum += 1 / Math.pow(i + 1, ZIPF_EXPONENT);
                zipfCumulative[i] = sum;
            }
            for (int i = 0; i < options.keys(); i++) {
                zipfCumulative[i] /= sum;
            }
        } else {
            zipfCumulative = null;
        }
    }

    /** The keys of the next operation: one key, or a whole {hash-tagged} group. */
    List<String> next() {
        switch (options.distribution()) {
            case GROUPS -> {
                int groups = Math.max(1, options.keys() / options.groupSize());
                int group = random.nextInt(groups);
                List<String> keys = new ArrayList<>(options.groupSize());
                for (int i = 0; i < options.groupSize(); i++) {
                    keys.add("{g" + group + "}:" + i);
                }
                return keys;
            }
            case ZIPF -> {
                double u = random.nextDouble();
                int index = java.util.Arrays.binarySearch(zipfCumulative, u);
                return List.of(key(index < 0 ? Math.min(-index - 1, options.keys() - 1) : index));
            }
            default -> {
                return List.of(key(random.nextInt(options.keys())));
            }
        }
    }

    /** Every key the workload can touch. */
    List<String> all() {
        List<String> out = new ArrayList<>();
        if (options.distribution() == KeyDistribution.GROUPS) {
            int groups = Math.max(1, options.keys() / options.groupSize());
            for (int g = 0; g < groups; g++) {
                for (int i = 0; i < options.groupSize(); i++) {
                    out.add("{g" + g + "}:" + i);
                }
            }
        } else {
            for (int i = 0; i < options.keys(); i++) {
                out.add(key(i));
            }
        }
        return out;
    }

    private static String key(int index) {
        return "key:" + index;
    }
}
