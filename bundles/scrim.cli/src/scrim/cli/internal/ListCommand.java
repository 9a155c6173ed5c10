package scrim.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import scrim.api.FrameSource;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.Segmenter;
import scrim.api.Setting;
import scrim.api.VideoFormat;

/** {@code list}: the installed inputs (cameras with their formats), models, effects with their settings, and outputs. */
final class ListCommand implements Command {

    private final Cli cli;

    ListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) {
        PrintStream out = cli.out();
        Pipeline pipeline = cli.pipeline();
        out.println("Inputs (--input ID, or a picture or video file):");
        for (Part p : pipeline.sources()) {
            out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label());
            if ("camera".equals(p.properties().get(FrameSource.KIND))) {
                try {
                    List<VideoFormat> formats = pipeline.formats(p.id());
                    formats.stream().limit(6).forEach(f -> out.printf(Locale.ROOT, "  %-24s   %s%n", "", f));
                } catch (IOException e) {
                    out.printf(Locale.ROOT, "  %-24s   %s%n", "", e.getMessage());
                }
            }
        }
        out.println("Models (--model NAME):");
        pipeline.segmenters().forEach(p -> out.printf(Locale.ROOT, "  %-24s %s%s%n", p.id(), p.label(),
                p.properties().containsKey(Segmenter.INPUT_WIDTH)
                        ? " (" + p.properties().get(Segmenter.INPUT_WIDTH) + "x" + p.properties().get(Segmenter.INPUT_HEIGHT) + ")" : ""));
        out.println("Effects (--effect NAME[:setting=value,...], repeat to chain):");
        for (Part p : pipeline.effects()) {
            out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label());
            for (Setting s : cli.settings().describe(String.valueOf(p.properties().get("component.name")))) {
                out.printf(Locale.ROOT, "  %-24s   %-11s %s (default %s)%s%n", "", s.id(), s.range(),
                        s.defaultValue().isEmpty() ? "none" : s.defaultValue(), s.description().isEmpty() ? "" : ": " + s.description());
            }
        }
        out.println("Outputs (--output ID, or a .y4m file):");
        pipeline.sinks().forEach(p -> out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label()));
        return 0;
    }
}
