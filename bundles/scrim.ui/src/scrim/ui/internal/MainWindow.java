package scrim.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.osgi.framework.ServiceRegistration;

import scrim.api.FrameTap;
import scrim.api.PipelineStatus;
import scrim.api.Problem;

/**
 * The control window: the live preview (camera, mask or output) with the virtual camera
 * switch on the left, the views for devices, effects, models and plugins on the right, and a
 * status line with idle or live, the pipeline's figures and problems in plain words.
 * <p>
 * The preview's tap is registered only while the window can be seen (shown and not minimised):
 * the engine counts a registered tap as someone watching and stays live for it. Hidden, the
 * window refreshes nothing but what its status listener (the tray) needs, and that less often.
 */
final class MainWindow {

    private static final int STATUS_MILLIS = 500;
    /** Hidden in the tray: only the tooltip follows, so the idle process stays quiet. */
    private static final int HIDDEN_STATUS_MILLIS = 2000;

    private final Display display;
    private final Services services;
    private final Shell shell;
    private final Canvas canvas;
    private final Label status;
    private final CameraSwitch camera;
    private final Preview preview;
    private final List<View> views = new ArrayList<>();
    private final GalleryView gallery;
    private final FirstRun firstRun;
    private final VirtualCameraBanner banner;
    private final Runnable laterViews;
    private final WindowPlacement placement;
    private ServiceRegistration<FrameTap> tap;
    private Consumer<PipelineStatus> statusListener = s -> {
    };
    private Image shown;

    MainWindow(Display display, Services services) {
        this.display = display;
        this.services = services;
        shell = Ids.tag(new Shell(display), "window");
        shell.setText("Scrim");
        shell.setLayout(new GridLayout(1, false));
        SashForm split = new SashForm(shell, SWT.HORIZONTAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Composite left = new Composite(split, SWT.NONE);
        left.setLayout(new GridLayout(4, false));
        banner = new VirtualCameraBanner(left, 4, services);
        canvas = Ids.tag(new Canvas(left, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND), "preview");
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        canvas.addPaintListener(e -> paint(e.gc));
        AccessibleNames.name(canvas, "Preview");
        firstRun = new FirstRun(services, canvas);
        preview = new Preview(this::offer);
        canvas.addListener(SWT.Resize, e -> {
            Rectangle area = canvas.getClientArea();
            preview.area(area.width, area.height);
        });
        for (Preview.View v : Preview.View.values()) {
            Button b = Ids.tag(new Button(left, SWT.RADIO), "preview." + v.name().toLowerCase(Locale.ROOT));
            b.setText(switch (v) {
                case CAMERA -> "Camera";
                case MASK -> "Mask";
                case OUTPUT -> "Output";
            });
            b.setSelection(v == Preview.View.OUTPUT);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    preview.view(v);
                }
            });
        }
        camera = new CameraSwitch(left, services);

        TabFolder tabs = AccessibleNames.name(Ids.tag(new TabFolder(split, SWT.TOP), "views"), "Views");
        gallery = new GalleryView(tabs, services);
        add(tabs, gallery);
        add(tabs, new DevicesView(tabs, services));
        banner.helpIn(tabs);
        // the other views are built just after the window shows: about 0.15 s sooner on screen
        laterViews = () -> {
            add(tabs, new EffectsView(tabs, services));
            add(tabs, new ModelsView(tabs, services));
            add(tabs, new PluginsView(tabs, services));
        };
        split.setWeights(3, 2);

        status = Ids.tag(new Label(shell, SWT.WRAP), "status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false));
        status.setToolTipText("Keys: " + Shortcuts.SUMMARY); // not on the preview, where a resting pointer would cover the picture
        placement = new WindowPlacement(shell, tabs, services.window());
        placement.restore(new Point(1200, 720));
        new Shortcuts(shell, tabs, services, this::dispose);
        for (int event : new int[] {SWT.Show, SWT.Hide, SWT.Iconify, SWT.Deiconify}) {
            shell.addListener(event, e -> display.asyncExec(this::followVisibility)); // after the shell's state changed
        }
        shell.addListener(SWT.Dispose, e -> close());
        FileDrops.accept(shell, gallery::add);
        FileDrops.accept(canvas, gallery::add);
    }

    /** Shows the window; with {@code visible} false it stays hidden until {@link #show()}, but the status listener is fed. */
    void open(boolean visible) {
        if (visible) {
            shell.open();
            placement.restoreMaximised();
        }
        display.asyncExec(() -> {
            if (!shell.isDisposed()) {
                laterViews.run();
                placement.restoreView();
            }
        });
        tick();
    }

    private void add(TabFolder tabs, View v) {
        views.add(v);
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(v.title());
        item.setToolTipText(Shortcuts.viewTip(v.title(), tabs.getItemCount() - 1));
        item.setControl(v.control());
        item.setData(Ids.KEY, "tab." + v.id());
    }

    /** Brings the window forward: shown, not minimised, active. */
    void show() {
        shell.setVisible(true);
        shell.setMinimized(false);
        placement.restoreMaximised();
        shell.forceActive();
        followVisibility();
    }

    /** Closing the window hides it instead (there is a tray to come back from); {@code hidden} runs after. */
    void closeToTray(Runnable hidden) {
        shell.addListener(SWT.Close, e -> {
            e.doit = false;
            shell.setVisible(false);
            followVisibility();
            hidden.run();
        });
    }

    /** Receives the pipeline's status with every refresh, shown or hidden. */
    void onStatus(Consumer<PipelineStatus> listener) {
        statusListener = listener;
    }

    /** Whether the preview can be seen, so the pipeline should count it as a viewer. */
    boolean watching() {
        return !shell.isDisposed() && shell.isVisible() && !shell.getMinimized();
    }

    /** Registers the preview's tap while the window can be seen, unregisters it when it cannot. */
    private void followVisibility() {
        boolean watching = watching();
        if (watching && tap == null) {
            tap = services.context().registerService(FrameTap.class, new WindowTap(preview, gallery.thumbnails()), null);
        } else if (!watching && tap != null) {
            tap.unregister();
            tap = null;
        }
    }

    boolean isDisposed() {
        return shell.isDisposed();
    }

    /** On the preview thread: hands finished pixels to the UI thread. */
    private void offer(ImageData pixels) {
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!canvas.isDisposed()) {
                if (shown != null) {
                    shown.dispose();
                }
                shown = new Image(display, pixels);
                canvas.redraw();
            }
            preview.shown();
        });
    }

    private void paint(org.eclipse.swt.graphics.GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(area);
        if (shown == null) {
            gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
            gc.drawText("Waiting for frames...", 12, 12, true);
            firstRun.paint(gc, 0, 0, area.width);
            return;
        }
        // fitted on the preview thread; scaled here only until a frame at a new canvas size comes
        Rectangle b = shown.getBounds();
        Rectangle to = Preview.fit(b.width, b.height, area.width, area.height);
        if (to.width == b.width && to.height == b.height) {
            gc.drawImage(shown, to.x, to.y);
        } else {
            gc.drawImage(shown, 0, 0, b.width, b.height, to.x, to.y, to.width, to.height);
        }
        firstRun.paint(gc, to.x, to.y, to.width);
    }

    /** Twice a second: the status line, the camera switch, and each view's refresh. */
    private void tick() {
        if (shell.isDisposed()) {
            return;
        }
        PipelineStatus s = services.pipeline().status();
        statusListener.accept(s);
        if (!shell.isVisible()) {
            display.timerExec(HIDDEN_STATUS_MILLIS, this::tick);
            return;
        }
        String text = describe(s, tap != null);
        boolean taller = text.split("\n").length != status.getText().split("\n").length;
        status.setText(text);
        status.setForeground(display.getSystemColor(s.problems().isEmpty() ? SWT.COLOR_WIDGET_FOREGROUND : SWT.COLOR_DARK_RED));
        boolean on = VirtualCamera.isOn(services);
        camera.show(on);
        banner.refresh();
        firstRun.refresh();
        for (View v : views) {
            try {
                v.refresh(s);
            } catch (RuntimeException e) {
                // a view that cannot refresh keeps its last state; the others go on
            }
        }
        if (taller) {
            shell.layout(true, true); // a problem line came or went
        }
        display.timerExec(STATUS_MILLIS, this::tick);
    }

    static String describe(PipelineStatus s, boolean preview) {
        StringBuilder b = new StringBuilder(Activity.describe(s, preview, System.currentTimeMillis())).append("  |  ");
        b.append(String.format(Locale.ROOT, "%s  %.1f fps  capture %.1f ms  model %.1f ms  refine %.1f ms  effects %.1f ms  output %.1f ms  dropped %d",
                s.state().name().toLowerCase(Locale.ROOT), s.fps(), last(s.capture()), last(s.segment()), last(s.refine()),
                last(s.compose()), last(s.sink()), s.dropped()));
        b.append("  |  model ").append(s.segmenter() == null ? "none" : s.segmenter());
        b.append("  |  output ").append(s.sinks().isEmpty() ? "preview only" : String.join(", ", s.sinks()));
        for (Problem p : s.problems()) {
            b.append("\n").append(p.message());
        }
        return b.toString();
    }

    private static double last(scrim.api.StageTimes t) {
        return t.lastNanos() / 1e6;
    }

    void dispose() {
        shell.dispose();
    }

    private void close() {
        if (tap != null) {
            tap.unregister();
            tap = null;
        }
        preview.close();
        for (View v : views) {
            v.dispose();
        }
        if (shown != null) {
            shown.dispose();
        }
    }
}
