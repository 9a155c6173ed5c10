package scrim.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;

import scrim.api.FrameSource;
import scrim.api.Part;
import scrim.api.Pipeline;

/**
 * The first run without a camera: {@code scrim window} then chooses the test scene (and marks it
 * chosen automatically); the preview says so in a caption over the picture. A camera plugged in
 * later replaces the test scene at once, as a call app takes the camera that appears, unless an
 * input was chosen by hand (the Devices view or --input clear the mark).
 */
final class FirstRun {

    static final String CAPTION = "No camera found: showing a test scene";
    /** In the engine's saved setup: the input stands in for a missing camera (scrim window's PipelineSetup writes it). */
    static final String SOURCE_AUTOMATIC = "source.automatic";
    private static final String TEST_SCENE = "pattern";
    private static final int PAD = 8;

    /** Widget data of the preview: the caption shown, or null (what the UI test reads). */
    static final String CAPTION_KEY = "scrim.caption";

    private final Services services;
    private final Canvas preview;
    private String caption;

    FirstRun(Services services, Canvas preview) {
        this.services = services;
        this.preview = preview;
    }

    /** An input chosen by hand: it stays, whatever cameras come and go. */
    static void chooseInput(Services s, String sourceId) {
        s.engine().setAll(Map.of(Pipeline.CONFIG_SOURCE, sourceId, SOURCE_AUTOMATIC, false));
    }

    /**
     * With every status refresh: takes a camera that appeared if the test scene was chosen for
     * want of one, and shows or takes away the caption.
     */
    void refresh() {
        List<Part> cameras = services.pipeline().sources().stream().filter(p -> "camera".equals(p.properties().get(FrameSource.KIND))).toList();
        String source = services.engine().text(Pipeline.CONFIG_SOURCE, "");
        boolean automatic = Boolean.parseBoolean(services.engine().text(SOURCE_AUTOMATIC, "false"));
        if (TEST_SCENE.equals(source) && automatic && !cameras.isEmpty()) {
            source = cameras.get(0).id();
            chooseInput(services, source);
        }
        String now = TEST_SCENE.equals(source) && cameras.isEmpty() ? CAPTION : null;
        if (!Objects.equals(now, caption)) {
            caption = now;
            preview.setData(CAPTION_KEY, now);
            preview.redraw();
        }
    }

    /** Draws the caption, if any, on a dark band at the top of the picture drawn at (left, top), {@code width} wide. */
    void paint(GC gc, int left, int top, int width) {
        if (caption == null) {
            return;
        }
        Point size = gc.textExtent(caption);
        int x = left + Math.max(0, (width - size.x) / 2 - PAD);
        int y = Math.max(0, top) + PAD;
        gc.setAlpha(190);
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRoundRectangle(x, y, size.x + 2 * PAD, size.y + PAD, PAD, PAD);
        gc.setAlpha(255);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.drawText(caption, x + PAD, y + PAD / 2, true);
    }
}
