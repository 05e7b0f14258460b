package org.slotscope.client;

/** The client stopped retrying: too many redirects or failures, or the deadline passed. */
public final class ClusterClientException extends RuntimeException {
    private final transient ClusterClient.Outcome outcome;

    public ClusterClientException(ClusterClient.Outcome outcome) {
        super(outcome.giveUp() == ClusterClient.GiveUp.DEADLINE ? "Cluster retry deadline exceeded."
                : "No more cluster attempts left." + (outcome.reply() instanceof org.slotscope.engine.command.Reply.Error e
                        ? " Last answer: " + e.message() : outcome.lastError() != null ? " Last failure: "
                        + outcome.lastError() : ""));
        this.outcome = outcome;
    }

    public ClusterClient.Outcome outcome() {
        return outcome;
    }
}
