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

    static int error(CommandLine.Model.CommandSpec spec, RuntimeException e) {
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("[ERR] " + e.getMessage());
        err.flush();
        return 1;
    }
}
