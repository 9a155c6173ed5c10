package scrim.ui.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Text;

import scrim.api.FrameSink;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineStatus;
import scrim.api.VideoFormat;
import scrim.v4l2.Doctor;

/**
 * The camera (a camera plugged in while the window is open appears; or a picture or video file,
 * the list's last entry), its size and frame rate
 * from the formats it offers, the virtual camera device, mirror, on demand and start at login
 * ({@link StartChoices}); and what scrim doctor finds,
 * with a button that loads v4l2loopback through pkexec where it is available. Whatever opens
 * a device (the formats, the doctor) runs on one worker thread, never on the UI thread, so a
 * hung device cannot freeze the window; results are shown if the window is still there.
 */
final class DevicesView implements View {

    /** Widget data of the camera list: where a chosen file goes (a {@code Consumer<String>} of its path). */
    static final String FILE_CHOSEN = "scrim.fileChosen";

    private final Services services;
    private final Display display;
    private final ExecutorService devices = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scrim-devices-view");
        t.setDaemon(true);
        return t;
    });
    private final Composite root;
    private final Combo camera;
    private final Combo size;
    private final Combo rate;
    private final Combo output;
    private final Button mirror;
    private final Text doctor;
    private final StartChoices start;
    private List<Part> shownSources = List.of();
    private List<Part> shownSinks = List.of();
    private List<VideoFormat> formats = List.of();
    private String formatsOf;

    DevicesView(TabFolder parent, Services services) {
        this.services = services;
        display = parent.getDisplay();
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        camera = combo("Camera", "devices.camera");
        size = combo("Size", "devices.size");
        rate = combo("Frames per second", "devices.fps");
        output = combo("Virtual camera device", "devices.output");
        new Label(root, SWT.NONE).setText("Mirror");
        mirror = AccessibleNames.name(Ids.tag(new Button(root, SWT.CHECK), "devices.mirror"), "Mirror");
        mirror.setSelection(Boolean.parseBoolean(services.engine().text(Pipeline.CONFIG_MIRROR, "false")));
        mirror.addListener(SWT.Selection, e -> services.engine().set(Pipeline.CONFIG_MIRROR, mirror.getSelection()));
        start = new StartChoices(root, services);

        camera.addListener(SWT.Selection, e -> {
            int i = camera.getSelectionIndex();
            if (i >= 0 && i < shownSources.size()) {
                FirstRun.chooseInput(services, shownSources.get(i).id());
                formatsOf = null;
                refresh(null);
            } else if (i == shownSources.size()) {
                chooseFile();
            }
        });
        // what the file dialog's answer goes to; the UI test hands it a file the same way
        camera.setData(FILE_CHOSEN, (Consumer<String>) this::useFile);
        size.addListener(SWT.Selection, e -> {
            int[] wh = VideoFormat.parseSize(size.getText());
            services.engine().setAll(Map.of(Pipeline.CONFIG_WIDTH, wh[0], Pipeline.CONFIG_HEIGHT, wh[1])); // one restart, not two
            showRates();
        });
        rate.addListener(SWT.Selection, e -> services.engine().set(Pipeline.CONFIG_FPS, Double.parseDouble(rate.getText())));
        output.addListener(SWT.Selection, e -> {
            int i = output.getSelectionIndex();
            if (i >= 0 && i < shownSinks.size()) {
                VirtualCamera.choose(services, shownSinks.get(i).id());
            }
        });

        Label check = new Label(root, SWT.NONE);
        check.setText("Check (scrim doctor)");
        Composite actions = new Composite(root, SWT.NONE);
        actions.setLayout(new GridLayout(2, false));
        Button again = Ids.tag(new Button(actions, SWT.PUSH), "devices.check");
        again.setText("Check again");
        again.addListener(SWT.Selection, e -> runDoctor(""));
        doctor = AccessibleNames.name(Ids.tag(new Text(root, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER), "devices.doctor"), "Device check results");
        doctor.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        doctor.setText("Checking the devices...");
        ModuleLoader.button(actions, "devices.load", () -> doctor.setText(ModuleLoader.LOADING), this::runDoctor);
        runDoctor("");
        refresh(null);
    }

    private Combo combo(String label, String id) {
        new Label(root, SWT.NONE).setText(label);
        Combo c = AccessibleNames.name(Ids.tag(new Combo(root, SWT.READ_ONLY), id), label);
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return c;
    }

    @Override
    public String id() {
        return "devices";
    }

    @Override
    public String title() {
        return "Devices";
    }

    @Override
    public Control control() {
        return root;
    }

    @Override
    public void refresh(PipelineStatus status) {
        start.refresh();
        String source = services.engine().text(Pipeline.CONFIG_SOURCE, "");
        List<Part> sources = services.pipeline().sources();
        if (!sources.equals(shownSources)) {
            shownSources = sources;
            camera.setItems(sources.stream().map(p -> p.id() + "  (" + p.label() + ")").toArray(String[]::new));
            camera.add(FileInput.ENTRY);
        }
        select(camera, shownSources, source);
        List<Part> sinks = services.pipeline().sinks().stream().filter(VirtualCamera::visibleToApps).toList();
        if (!sinks.equals(shownSinks)) {
            shownSinks = sinks;
            output.setItems(sinks.stream().map(p -> p.id() + "  (" + p.label() + ")").toArray(String[]::new));
        }
        select(output, shownSinks, VirtualCamera.chosen(services));
        if (!source.equals(formatsOf)) {
            formatsOf = source;
            showFormats(List.of()); // the current choice at once; the camera's own list when it has answered
            inBackground(() -> formatsOf(source), found -> {
                if (source.equals(formatsOf)) {
                    showFormats(found);
                }
            });
        }
    }

    /** On the worker: asks the source (for a camera, opens the device). */
    private List<VideoFormat> formatsOf(String source) {
        try {
            return services.pipeline().formats(source);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private void showFormats(List<VideoFormat> found) {
        formats = found;
        Set<String> sizes = new LinkedHashSet<>();
        formats.forEach(f -> sizes.add(f.width() + "x" + f.height()));
        String current = services.engine().text(Pipeline.CONFIG_WIDTH, "1280") + "x" + services.engine().text(Pipeline.CONFIG_HEIGHT, "720");
        sizes.add(current);
        size.setItems(sizes.toArray(String[]::new));
        size.select(new ArrayList<>(sizes).indexOf(current));
        showRates();
    }

    private void showRates() {
        Set<String> rates = new LinkedHashSet<>();
        for (VideoFormat f : formats) {
            if ((f.width() + "x" + f.height()).equals(size.getText())) {
                rates.add(String.format(Locale.ROOT, "%.0f", f.fps()));
            }
        }
        String current = String.format(Locale.ROOT, "%.0f", Double.parseDouble(services.engine().text(Pipeline.CONFIG_FPS, "30")));
        rates.add(current);
        rate.setItems(rates.toArray(String[]::new));
        rate.select(new ArrayList<>(rates).indexOf(current));
    }

    /** A PipeWire camera is listed only while its sink knows a daemon answers (it sets the daemon's version then). */
    private static void select(Combo combo, List<Part> parts, String id) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).id().equals(id)) {
                if (combo.getSelectionIndex() != i) {
                    combo.select(i);
                }
                return;
            }
        }
    }

    /** The camera list's last entry: a picture or video file as the input. */
    private void chooseFile() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
        dialog.setText("Choose a picture or video as the camera");
        dialog.setFilterExtensions(FileInput.EXTENSIONS);
        dialog.setFilterNames(FileInput.FILTER_NAMES);
        String file = dialog.open();
        if (file == null) {
            camera.deselectAll(); // cancelled: the current input shows again
            select(camera, shownSources, services.engine().text(Pipeline.CONFIG_SOURCE, ""));
            return;
        }
        useFile(file);
    }

    private void useFile(String file) {
        FileInput.use(services, Path.of(file));
        formatsOf = null;
        refresh(null);
    }

    /** Runs scrim doctor on the worker (it opens every device) and shows what it says after {@code prefix}. */
    private void runDoctor(String prefix) {
        inBackground(() -> {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
                Doctor.check(out);
            } catch (RuntimeException e) {
                return "The check failed: " + e;
            }
            return text.toString(StandardCharsets.UTF_8);
        }, found -> doctor.setText(prefix + found));
    }

    /** Does device work on the worker thread, then shows its result on the UI thread if the window is still open. */
    private <T> void inBackground(Supplier<T> work, Consumer<T> show) {
        try {
            devices.execute(() -> {
                T result = work.get();
                onUi(() -> show.accept(result));
            });
        } catch (RejectedExecutionException e) {
            // the window is closing
        }
    }

    /** Runs on the UI thread unless the window has been closed meanwhile. */
    private void onUi(Runnable action) {
        if (display.isDisposed()) {
            return;
        }
        try {
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    action.run();
                }
            });
        } catch (SWTException e) {
            // the display went away between the check and the call
        }
    }

    @Override
    public void dispose() {
        devices.shutdownNow();
    }
}
