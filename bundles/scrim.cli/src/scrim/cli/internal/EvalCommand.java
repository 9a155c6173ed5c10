package scrim.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import scrim.api.Segmenter;

/** {@code eval}: mask quality against true masks, or flicker over a video or a noisy still. */
final class EvalCommand implements Command {

    private final Cli cli;

    EvalCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        String model = cli.models().resolveOrDefault(cli.pipeline(), cl.get("model"));
        Segmenter segmenter = cli.models().segmenter(cli.pipeline(), model);
        Evaluation e = new Evaluation(cli.out(), segmenter, cli.models().cropSegmenter(segmenter));
        if (cl.get("video") != null) {
            e.flicker(model, Path.of(cl.get("video")), (int) cl.count("frames", 90), cl.number("noise", 3));
        } else if (cl.get("images") != null && cl.get("masks") != null) {
            Path images = Path.of(cl.get("images"));
            Path masks = Path.of(cl.get("masks"));
            for (Path dir : new Path[] {images, masks}) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("folder " + dir + " does not exist: check the path");
                }
            }
            e.images(model, images, masks);
        } else {
            throw new IllegalArgumentException("give --images DIR --masks DIR (quality) or --video FILE (flicker)");
        }
        return 0;
    }
}
