package scrim.cli.internal;

/** {@code run} (a fresh setup, to its frame limit) and {@code start} (the saved setup, until Ctrl-C). */
final class RunCommand implements Command {

    private final Cli cli;

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        PipelineSetup.Applied applied = new PipelineSetup(cli).apply(cl);
        return new RunWatch(cli, applied.outputs(), applied.source()).follow();
    }
}
