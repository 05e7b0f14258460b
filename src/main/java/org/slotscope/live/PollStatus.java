package org.slotscope.live;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How the last poll of a live cluster went, for a status line. Polling goes on after every one of
 * these but {@link Stopped}: a dead entry node, an unreachable node, a timeout or a refused login is
 * reported and the next poll tries again (through another node when the entry is gone). Times are
 * wall-clock milliseconds since attach.
 */
public sealed interface PollStatus {
    long time();

    /** One line for a person. */
    String message();

    /** Started; no poll has finished yet. */
    record Attaching(long time, String entry) implements PollStatus {
        @Override
        public String message() {
            return "attaching to " + entry;
        }
    }

    /**
     * A snapshot was taken through {@code entry}.
     *
     * @param formerEntry the entry node used until now, when it could not be used this time and the
     *                    poller fell back to {@code entry}; null when the entry did not change
     * @param problems    nodes that could not be asked (the former entry's problem first)
     */
    record Polled(long time, String entry, String formerEntry, int nodesPolled, List<NodeProblem> problems)
            implements PollStatus {
        public Polled {
            problems = List.copyOf(problems);
        }

        @Override
        public String message() {
            StringBuilder line = new StringBuilder("polled " + nodesPolled + (nodesPolled == 1 ? " node" : " nodes")
                    + " through " + entry);
            if (formerEntry != null) {
                line.append(" (switched from ").append(formerEntry).append(")");
            }
            if (!problems.isEmpty()) {
                line.append("; ").append(problems.stream().map(NodeProblem::message).collect(Collectors.joining("; ")));
            }
            return line.toString();
        }
    }

    /** No known node could be used as the entry; the last snapshot stays, and the next poll tries again. */
    record NoNodeReachable(long time, List<NodeProblem> problems) implements PollStatus {
        public NoNodeReachable {
            problems = List.copyOf(problems);
        }

        @Override
        public String message() {
            return "no node reachable: " + problems.stream().map(NodeProblem::message)
                    .collect(Collectors.joining("; "));
        }
    }

    /** A poll failed in an unexpected way (a listener threw, a reply made no sense); polling goes on. */
    record Failed(long time, String reason) implements PollStatus {
        @Override
        public String message() {
            return "poll failed: " + reason;
        }
    }

    /** {@link ClusterPoller#stop()} was called; no more polls. */
    record Stopped(long time) implements PollStatus {
        @Override
        public String message() {
            return "stopped";
        }
    }
}
