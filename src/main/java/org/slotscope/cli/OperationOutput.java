package org.slotscope.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** How the cluster commands print: redis-cli's lines on stdout, a failure as one "[ERR]" line on stderr. */
final class OperationOutput {
    private OperationOutput() {
    }

    static Consumer<String> lines(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    /** An operation's body: it prints through {@code out} and returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run(Consumer<String> out);
    }

    /**
     * Runs a cluster command's body: its lines on stdout as they come; a failure (a node out of reach,
     * bad input, an operation that stopped) as one "[ERR]" line and exit code 1.
     */
    static int run(CommandLine.Model.CommandSpec spec, Body body) {
        try {
            int code = body.run(lines(spec.commandLine().getOut()));
            spec.commandLine().getOut().flush();
            return code;
        } catch (org.slotscope.link.LinkException | IllegalArgumentException | IllegalStateException
                 | org.slotscope.admin.OperationException e) {
            return error(spec, e);
        }
    }

    static int error(CommandLine.Model.CommandSpec spec, RuntimeException e) {
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("[ERR] " + e.getMessage());
        err.flush();
        return 1;
    }
}
