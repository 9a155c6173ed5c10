package scrim.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;

import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Part;
import scrim.api.VideoFormat;
import scrim.v4l2.Doctor;

/**
 * Turns the names given on the command line (--input, --output, --effect) into the pipeline's
 * parts: checks them, creates file inputs and outputs through ConfigAdmin, and waits for them.
 */
final class PartResolver {

    private static final long APPEAR_MILLIS = 10_000;
    /** The PipeWire camera output's id, and the prefix of a named one. */
    private static final String PIPEWIRE = "pipewire";
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Cli cli;

    PartResolver(Cli cli) {
        this.cli = cli;
    }

    /** Resolves --input to a source id, creating the file input if needed. */
    String input(String input) throws IOException {
        List<Part> sources = cli.pipeline().sources();
        if (Parts.find(sources, input) != null) {
            return input;
        }
        if (input.startsWith("/dev/")) {
            String why = Doctor.explainInput(Path.of(input));
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return input; // a camera the watcher has not registered yet: awaitSource waits for it
        }
        boolean sequence = input.contains("%");
        Path path = Path.of(input).toAbsolutePath().normalize();
        if (!sequence && !Files.exists(path)) {
            throw new IllegalArgumentException("input '" + input + "' does not exist: give 'pattern', a PNG/JPEG picture, a video file,"
                    + " or one of the installed inputs (" + Parts.names(sources) + ")");
        }
        if (!sequence && Files.isDirectory(path)) {
            throw new IllegalArgumentException("input '" + input + "' is a folder: give a picture or video file inside it");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean picture = !sequence && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
        String id = sequence ? input : path.toString();
        if (Parts.find(sources, id) == null) {
            Configuration c = cli.configAdmin().createFactoryConfiguration(picture ? "scrim.source.image" : "scrim.source.video", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(FrameSource.ID, id);
            p.put("file", sequence ? input : path.toString());
            p.put(FrameSource.LABEL, (picture ? "Picture " : "Video ") + path.getFileName());
            c.update(p);
        }
        return id;
    }

    /** Waits for the input to appear and returns the formats it offers (or why it cannot be read). */
    List<VideoFormat> awaitSource(String id) throws InterruptedException, IOException {
        if (Waiter.until(() -> Parts.find(cli.pipeline().sources(), id), APPEAR_MILLIS) == null) {
            throw new IOException("input '" + id + "' did not appear; is the media input bundle (scrim.source.media) installed? Try scrim list");
        }
        return cli.pipeline().formats(id);
    }

    /** Resolves --output to a sink id, creating the file output if needed. */
    String output(String output) throws IOException, InterruptedException {
        if (Parts.find(cli.pipeline().sinks(), output) != null) {
            return output;
        }
        if (output.startsWith("/dev/")) {
            String why = Doctor.explainOutput(Path.of(output));
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return awaitSink(output);
        }
        if (output.equals(PIPEWIRE) || output.startsWith(PIPEWIRE + ":")) {
            return pipewire(output);
        }
        Path path = Path.of(output).toAbsolutePath().normalize();
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".y4m")) {
            throw new IllegalArgumentException("output '" + output + "' is not a .y4m file: Scrim writes YUV4MPEG2 files, name it for example out.y4m");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("output " + path + " is a folder: give a file name, for example " + path.resolve("out.y4m"));
        }
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output folder " + dir + " does not exist: create it or choose another path");
        }
        if (!Files.isWritable(dir) || Files.exists(path) && !Files.isWritable(path)) {
            throw new IllegalArgumentException("output " + path + " cannot be written (permission denied): choose a folder you may write to");
        }
        String id = path.toString();
        Configuration c = cli.configAdmin().createFactoryConfiguration("scrim.sink.file", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSink.ID, id);
        p.put("file", id);
        p.put(FrameSink.LABEL, "File " + path.getFileName());
        c.update(p);
        return awaitSink(id);
    }

    /**
     * Resolves {@code pipewire} (the node "Scrim") or {@code pipewire:NAME} (a node of that name,
     * created through ConfigAdmin) to the PipeWire camera output.
     */
    private String pipewire(String output) throws IOException, InterruptedException {
        if (!output.equals(PIPEWIRE)) {
            String name = output.substring(PIPEWIRE.length() + 1);
            if (!NODE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--output " + output + ": the PipeWire camera's name must be 1 to 64 letters, digits,"
                        + " '.', '_' or '-', for example pipewire:Studio");
            }
            // kept from an earlier run (ConfigAdmin persists it) but not active yet: reused, not doubled
            String kept = "(&(service.factoryPid=scrim.sink.pipewire)(" + FrameSink.ID + "=" + output + "))";
            if (keptConfigurations(kept) == null) {
                Configuration c = cli.configAdmin().createFactoryConfiguration("scrim.sink.pipewire", "?");
                Hashtable<String, Object> p = new Hashtable<>();
                p.put(FrameSink.ID, output);
                p.put("node.name", name);
                c.update(p);
            }
        }
        if (Waiter.until(() -> Parts.find(cli.pipeline().sinks(), output), APPEAR_MILLIS) == null) {
            throw new IOException("output '" + output + "' did not appear: the PipeWire camera needs libpipewire-0.3 (install the"
                    + " pipewire package) and the scrim.sink.pipewire bundle; see scrim doctor");
        }
        return output;
    }

    private Configuration[] keptConfigurations(String filter) throws IOException {
        try {
            return cli.configAdmin().listConfigurations(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter " + filter + " is malformed", e); // the name was checked: a bug
        }
    }

    private String awaitSink(String id) throws IOException, InterruptedException {
        if (Waiter.until(() -> Parts.find(cli.pipeline().sinks(), id), APPEAR_MILLIS) == null) {
            throw new IOException("output '" + id + "' did not appear; are the output bundles installed? Try scrim list");
        }
        return id;
    }

    /**
     * Checks an --effect NAME[:key=value,...] and adds its settings, by PID, to those to apply;
     * returns the name.
     */
    String effect(String spec, boolean tolerant, Map<String, Map<String, String>> toApply) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--effect '" + spec + "' has no effect name: use --effect NAME or --effect NAME:key=value");
        }
        List<Part> effects = cli.pipeline().effects();
        Part effect = Parts.find(effects, name);
        if (effect == null && !tolerant) {
            throw new IllegalArgumentException("effect '" + name + "' is not installed: installed effects are " + Parts.names(effects));
        }
        if (colon >= 0 && colon < spec.length() - 1) {
            if (effect == null) {
                throw new IllegalArgumentException("effect '" + name + "' is not installed yet, so its settings cannot be checked: give it without settings");
            }
            String pid = String.valueOf(effect.properties().get("component.name"));
            Map<String, String> values = toApply.computeIfAbsent(pid, k -> new LinkedHashMap<>());
            for (String pair : spec.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("effect setting '" + pair + "' is not key=value: use for example --effect " + name + ":key=value");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            try {
                cli.settings().check(pid, values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--effect " + name + ": " + e.getMessage().replace(" for " + pid, "")
                        + " (see scrim list)");
            }
        }
        return name;
    }
}
