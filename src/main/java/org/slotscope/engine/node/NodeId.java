package org.slotscope.engine.node;

import java.util.regex.Pattern;

/** A node's name: 40 lowercase hex characters, as CLUSTER MYID prints it. */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    public NodeId {
        if (value == null || !HEX40.matcher(value).matches()) {
            throw new IllegalArgumentException("a node id is 40 lowercase hex characters: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && HEX40.matcher(text).matches();
    }

    /** The first 8 characters, as the UI and logs show a node. */
    public String shortName() {
        return value.substring(0, 8);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
