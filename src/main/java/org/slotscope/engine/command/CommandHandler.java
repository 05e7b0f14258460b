package org.slotscope.engine.command;

/** Executes one command on one node. {@code argv[0]} is the command name as the client sent it. */
@FunctionalInterface
public interface CommandHandler {
    Reply handle(CommandContext ctx, byte[][] argv);
}
