package org.slotscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `slotscope serve ...`, later `cluster ...` and `torture ...`. */
@Command(name = "slotscope", mixinStandardHelpOptions = true, versionProvider = SlotScopeCli.Version.class,
        description = {"Redis Cluster, made visible. Without arguments the window opens;",
                "'slotscope window --help' lists the window's options."},
        subcommands = {ServeCommand.class, EngineBenchCommand.class, ClusterCommand.class,
                TortureCommand.class})
public final class SlotScopeCli implements Runnable {
    /** Exit code for a port that cannot be opened (in use, or an address we cannot bind). */
    public static final int EXIT_PORT_UNAVAILABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and returns the process exit code. */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** As {@link #run(String[])}, writing to the given streams (tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SlotScopeCli());
        cli.setOut(out);
        cli.setErr(err);
        // a bad option: its message and where to find help, not the whole usage text
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter e = failed.getErr();
            e.println("error: " + ex.getMessage());
            e.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            e.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        // a failure while running is reported as one line, never as a stack trace
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        // `slotscope` with only options (none given would have opened the window): show what exists
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SlotScopeCli.class.getPackage().getImplementationVersion();
            return new String[] {"SlotScope " + (version == null ? "(development build)" : version)};
        }
    }
}
