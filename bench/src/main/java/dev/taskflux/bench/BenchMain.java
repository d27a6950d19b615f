package dev.taskflux.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code taskflux-bench} command: benchmarks that start the Taskflux service in this JVM
 * against a fresh PostgreSQL database and measure it through that database.
 */
@Command(name = "taskflux-bench", mixinStandardHelpOptions = true, version = "taskflux-bench 0.1.0",
        subcommands = {DrainCommand.class, LatenessCommand.class, RemoteCommand.class,
                WorkflowChainCommand.class, WorkflowFanoutCommand.class, WorkflowMapCommand.class,
                WorkflowPipelineCommand.class, FanoutCommand.class},
        description = "Benchmarks of the Taskflux engine against a real PostgreSQL.")
public final class BenchMain implements Runnable {

    /** Runs the sub-command named in {@code args} and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
