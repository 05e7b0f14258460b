package org.slotscope.resp;

import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.StringValue;

/** A few tiny commands so the server can be tested before the real command families exist. */
final class TestCommands {
    private TestCommands() {
    }

    static CommandTable table() {
        CommandTable table = new CommandTable();
        table.register(CommandSpec.command("ping", -1).flags(CommandFlag.FAST)
                .handler((ctx, argv) -> argv.length > 1 ? Reply.bulk(argv[1]) : Reply.PONG));
        table.register(CommandSpec.command("echo", 2).flags(CommandFlag.FAST)
                .handler((ctx, argv) -> Reply.bulk(argv[1])));
        table.register(CommandSpec.command("quit", -1).handler((ctx, argv) -> {
            ctx.session().requestClose();
            return Reply.ok();
        }));
        table.register(CommandSpec.command("hello", -1).handler((ctx, argv) -> {
            if (argv.length > 1) {
                ctx.session().setProtocol((int) Args.parseLong(argv[1]).orElse(2));
            }
            return Reply.map(List.of(Reply.bulk("proto"), Reply.integer(ctx.session().protocol())));
        }));
        table.register(CommandSpec.command("score", 1).handler((ctx, argv) -> new Reply.DoubleReply(0.1)));
        table.register(CommandSpec.command("shutdown", -1).handler((ctx, argv) -> {
            ctx.cluster().stopNode(ctx.node(), "SHUTDOWN");
            return Reply.ok();
        }));
        table.register(CommandSpec.command("boom", 1).handler((ctx, argv) -> {
            throw new IllegalStateException("a defect");
        }));
        table.register(CommandSpec.command("set", 3).flags(CommandFlag.WRITE).keys(1, 1, 1).handler((ctx, argv) -> {
            ctx.keyspace().set(new Key(argv[1]), new StringValue(argv[2]));
            return Reply.ok();
        }));
        table.register(CommandSpec.command("get", 2).flags(CommandFlag.READONLY).keys(1, 1, 1).handler((ctx, argv) -> {
            RedisValue value = ctx.keyspace().get(new Key(argv[1]));
            return value == null ? Reply.NIL : Reply.bulk(((StringValue) value).value());
        }));
        return table;
    }
}
