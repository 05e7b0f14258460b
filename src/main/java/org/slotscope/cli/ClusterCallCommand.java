package org.slotscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.slotscope.admin.CallOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster call host:port command arg ... [--only-masters | --only-replicas]`: redis-cli --cluster call. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Run a command on every node of the cluster, like redis-cli --cluster call.",
            "Arguments that start with '-' (CONFIG SET x -1) are passed on; put '--' before them if one"
                + " is also an option of this command."})
final class ClusterCallCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command;

    @Option(names = "--only-masters", description = "Only on masters.")
    boolean onlyMasters;

    @Option(names = "--only-replicas", description = "Only on replicas.")
    boolean onlyReplicas;

    @Mixin
    LinkOptions link;

    CommandLine.Model.CommandSpec spec;

    /** Arguments of the called command may look like options ("-1"): they stay positional. */
    @CommandLine.Spec
    void setSpec(CommandLine.Model.CommandSpec spec) {
        this.spec = spec;
        spec.parser().unmatchedOptionsArePositionalParams(true);
    }

    @Override
    public Integer call() {
        if (onlyMasters && onlyReplicas) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--only-masters and --only-replicas cannot be used together");
        }
        CallOperation.Only only = onlyMasters ? CallOperation.Only.MASTERS
                : onlyReplicas ? CallOperation.Only.REPLICAS : CallOperation.Only.ALL;
        return OperationOutput.run(spec, out -> {
            new CallOperation(link.connector()).run(entry, command, only, out);
            return 0;
        });
    }
}
