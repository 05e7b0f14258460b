package org.slotscope.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds consecutive free loopback ports for a test cluster. Every port p and its cluster bus port
 * p+10000 must be free; ports stay below 22700 so the bus ports stay below Linux's ephemeral range
 * (32768+), where outgoing connections would collide with them. The start is random, so parallel
 * builds on one machine rarely try the same ports. Free when checked is not reserved: callers bind
 * promptly.
 */
public final class FreePorts {
    public static final int LOWEST = 12000;
    public static final int HIGHEST_EXCLUSIVE = 22700;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** The first of {@code count} consecutive ports that are free, with their +10000 ports. */
    public static int consecutive(int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1..100: " + count);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = random.nextInt(LOWEST, HIGHEST_EXCLUSIVE - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found between " + LOWEST + " and "
                + HIGHEST_EXCLUSIVE + " after " + ATTEMPTS + " attempts");
    }

    /** One free port (and its +10000 bus port). */
    public static int one() {
        return consecutive(1);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (!isFree(port) || !isFree(port + 10000)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a loopback connection to {@code port} is refused (nothing listens there). */
    public static boolean refusesConnections(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return false;
        } catch (java.net.ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Whether something accepts a loopback connection on {@code port}. */
    public static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
