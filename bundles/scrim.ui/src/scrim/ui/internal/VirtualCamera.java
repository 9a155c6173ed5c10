package scrim.ui.internal;

import java.util.List;

import scrim.api.FrameSink;
import scrim.api.Part;
import scrim.api.Pipeline;

/**
 * The virtual camera switch: on, the pipeline writes to the chosen output (a v4l2loopback
 * device, or a file given on the command line); off, it only feeds the preview. The chosen
 * output is kept in the window's saved setup, so switching on again picks the same one.
 */
final class VirtualCamera {

    static final String OUTPUT = "output";
    /** The PipeWire camera's service property with its daemon's version, present while a daemon answers. */
    private static final String PIPEWIRE_DAEMON = "pipewire.daemon.version";

    private VirtualCamera() {
    }

    static boolean isOn(Services s) {
        return !s.engine().list(Pipeline.CONFIG_SINKS).isEmpty();
    }

    /** The output the switch turns on: the one chosen, else the one running, else the first loopback device. */
    static String chosen(Services s) {
        String saved = s.window().text(OUTPUT, "");
        if (!saved.isEmpty()) {
            return saved;
        }
        List<String> running = s.engine().list(Pipeline.CONFIG_SINKS);
        if (!running.isEmpty()) {
            return running.get(0);
        }
        for (Part p : s.pipeline().sinks()) {
            if ("loopback".equals(p.properties().get(FrameSink.KIND))) {
                return p.id();
            }
        }
        return "";
    }

    /**
     * Whether apps can see this output: a PipeWire camera only while its daemon answers (the sink
     * publishes the daemon's version then); every other output always.
     */
    static boolean visibleToApps(Part sink) {
        return !"pipewire".equals(sink.properties().get(FrameSink.KIND)) || sink.properties().containsKey(PIPEWIRE_DAEMON);
    }

    static void switchTo(Services s, boolean on) {
        String output = chosen(s);
        s.window().set(OUTPUT, output);
        s.engine().setList(Pipeline.CONFIG_SINKS, on && !output.isEmpty() ? List.of(output) : List.of());
    }

    /** Chooses the output; if the camera is on, it moves there at once. */
    static void choose(Services s, String output) {
        s.window().set(OUTPUT, output);
        if (isOn(s)) {
            s.engine().setList(Pipeline.CONFIG_SINKS, List.of(output));
        }
    }
}
