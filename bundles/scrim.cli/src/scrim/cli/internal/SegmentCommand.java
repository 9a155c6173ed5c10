package scrim.cli.internal;

import java.nio.file.Path;

import scrim.api.Segmenter;

/** {@code segment}: one PNG mask per picture, made as the pipeline makes its masks. */
final class SegmentCommand implements Command {

    private final Cli cli;

    SegmentCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        if (cl.get("out") == null) {
            throw new IllegalArgumentException("no output folder given: add --out DIR");
        }
        String model = cli.models().resolveOrDefault(cli.pipeline(), cl.get("model"));
        Segmenter segmenter = cli.models().segmenter(cli.pipeline(), model);
        new Evaluation(cli.out(), segmenter, cli.models().cropSegmenter(segmenter)).segment(cl.arguments, Path.of(cl.get("out")));
        return 0;
    }
}
