package scrim.test.uidriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Scrollable;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Widget;

/**
 * The control window as the driver sees it: widgets found by their "scrim.id" data, changed and
 * clicked on the UI thread the way a person's click would (the state changes, then the widget's
 * Selection listeners run), and screenshots of the window's area of the screen.
 */
final class Ui {

    /** The data key the window tags its widgets with. */
    static final String KEY = "scrim.id";
    static final String UI_THREAD = "scrim-ui";

    final Display display;
    final Shell shell;

    private Ui(Display display, Shell shell) {
        this.display = display;
        this.shell = shell;
    }

    /** Waits for the UI thread, its display and the visible window; null if they did not appear in time. */
    static Ui attach(long millis) throws InterruptedException {
        return attach(millis, true);
    }

    /** Like {@link #attach(long)}; with {@code visible} false the window may also be hidden (started in the tray). */
    static Ui attach(long millis, boolean visible) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Thread ui = Thread.getAllStackTraces().keySet().stream().filter(t -> UI_THREAD.equals(t.getName())).findFirst().orElse(null);
            Display d = ui == null ? null : Display.findDisplay(ui);
            if (d != null && !d.isDisposed()) {
                Shell[] found = {null};
                try {
                    d.syncExec(() -> {
                        for (Shell s : d.getShells()) {
                            if ("window".equals(s.getData(KEY)) && (s.isVisible() || !visible)) {
                                found[0] = s;
                            }
                        }
                    });
                } catch (RuntimeException e) {
                    // the display went away meanwhile: look again
                }
                if (found[0] != null) {
                    return new Ui(d, found[0]);
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** Runs on the UI thread and returns the result; what it throws is thrown here. */
    <T> T get(Supplier<T> action) {
        Object[] result = {null};
        Throwable[] failure = {null};
        if (display.isDisposed()) {
            throw new Failure("the window's display is gone");
        }
        display.syncExec(() -> {
            try {
                result[0] = action.get();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new Failure(failure[0].toString());
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    void run(Runnable action) {
        get(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Like {@link #get}, but never waits more than {@code millis} for the UI thread: fails if it
     * has not answered by then (a blocked UI thread runs the action later, when it is free).
     */
    <T> T within(long millis, String what, Supplier<T> action) throws InterruptedException {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (display.isDisposed()) {
            throw new Failure("the window's display is gone");
        }
        display.asyncExec(() -> {
            try {
                answer.complete(action.get());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Failure(String.format(Locale.ROOT, "the UI thread did not answer within %d ms to %s (stack: %s)", millis, what,
                    uiStack()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new Failure(what + ": " + e.getCause());
        }
    }

    /** One round trip to the UI thread in milliseconds; fails if it takes longer than {@code millis}. */
    double roundTrip(long millis) throws InterruptedException {
        long start = System.nanoTime();
        within(millis, "an empty round trip", () -> null);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Where the UI thread is now, its top frames: what it is blocked in. */
    private String uiStack() {
        Thread t = display.getThread();
        StringBuilder b = new StringBuilder();
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(8, stack.length); i++) {
            b.append(i == 0 ? "" : " < ").append(stack[i]);
        }
        return b.toString();
    }

    // ------------------------------------------------------------ on the UI thread only

    /** The widget tagged {@code id}, of this type; fails if there is none. */
    <W extends Widget> W find(String id, Class<W> type) {
        Widget w = search(shell, id);
        if (w == null) {
            throw new Failure("no widget '" + id + "' in the window");
        }
        if (!type.isInstance(w)) {
            throw new Failure("widget '" + id + "' is a " + w.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(w);
    }

    /** Whether a widget tagged {@code id} exists now. */
    boolean exists(String id) {
        return search(shell, id) != null;
    }

    private static Widget search(Control c, String id) {
        if (id.equals(c.getData(KEY))) {
            return c;
        }
        if (c instanceof TabFolder tabs) {
            for (TabItem item : tabs.getItems()) {
                if (id.equals(item.getData(KEY))) {
                    return item;
                }
            }
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                Widget w = search(child, id);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** What a click does after the widget changed its own state: its Selection listeners run. */
    void click(Control c) {
        if (!c.isVisible() || !c.isEnabled()) {
            throw new Failure("'" + c.getData(KEY) + "' cannot be clicked: " + (c.isVisible() ? "it is disabled" : "it is not shown"));
        }
        Event e = new Event();
        e.widget = c;
        c.notifyListeners(SWT.Selection, e);
    }

    /** Shows a tab as clicking its title does. */
    void selectTab(String tabId) {
        TabItem item = find(tabId, TabItem.class);
        TabFolder folder = item.getParent();
        folder.setSelection(item);
        Event e = new Event();
        e.item = item;
        folder.notifyListeners(SWT.Selection, e);
        shell.layout(true, true);
    }

    // ------------------------------------------------------------ screenshots

    /** A picture of the window's area of the screen, and where a control is in it. */
    record Shot(ImageData data, Rectangle preview) {

        /** Fraction of the preview's pixels that are not near black. */
        double lit() {
            int bright = 0;
            int total = 0;
            for (int y = preview.y; y < preview.y + preview.height; y += 2) {
                for (int x = preview.x; x < preview.x + preview.width; x += 2) {
                    if (x < 0 || y < 0 || x >= data.width || y >= data.height) {
                        continue;
                    }
                    RGB p = data.palette.getRGB(data.getPixel(x, y));
                    total++;
                    if (Math.max(p.red, Math.max(p.green, p.blue)) > 48) {
                        bright++;
                    }
                }
            }
            return total == 0 ? 0 : (double) bright / total;
        }

        /** Distinct colours over the whole picture (every other pixel). */
        int colours() {
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < data.height; y += 2) {
                for (int x = 0; x < data.width; x += 2) {
                    seen.add(data.getPixel(x, y));
                }
            }
            return seen.size();
        }

        boolean real() {
            return lit() > 0.2 && colours() > 50;
        }

        void save(Path file) throws java.io.IOException {
            Ui.save(data, file);
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "%dx%d, preview %.0f%% lit, %d colours", data.width, data.height, lit() * 100, colours());
        }
    }

    /**
     * The window's area of the screen. Its client area, not {@code getBounds()}: without a window
     * manager (Xvfb) there is no title bar, yet GTK's bounds include a guessed trim that would add a
     * strip of bare screen to every shot; with one, the client area is the window's content.
     */
    Rectangle area() {
        return get(() -> display.map(shell, null, shell.getClientArea()).intersection(display.getBounds()));
    }

    /** Copies the window's area of the screen (on the UI thread). */
    Shot shoot() {
        return get(() -> {
            Rectangle bounds = area();
            if (bounds.isEmpty()) {
                throw new Failure("the window is not on the screen: " + shell.getBounds());
            }
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
            } finally {
                gc.dispose();
            }
            ImageData data = image.getImageData();
            image.dispose();
            Scrollable preview = find("preview", Scrollable.class);
            Rectangle p = display.map(preview, null, preview.getClientArea());
            return new Shot(data, new Rectangle(p.x - bounds.x, p.y - bounds.y, p.width, p.height));
        });
    }

    /** Items of an SWT list (on the UI thread). */
    static List<String> items(org.eclipse.swt.widgets.List list) {
        return new ArrayList<>(List.of(list.getItems()));
    }

    /** Closes the window as its close button does: on the UI thread. */
    void close() {
        if (display.isDisposed()) {
            return;
        }
        try {
            display.syncExec(() -> {
                if (!shell.isDisposed()) {
                    shell.dispose();
                }
            });
        } catch (RuntimeException e) {
            // already gone
        }
    }

    /** Polls until the condition holds, or fails saying what was awaited and what was seen last. */
    static void await(String what, long millis, BooleanSupplier condition, Supplier<String> seen) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new Failure("timed out after " + millis / 1000 + " s waiting for " + what + "; seen: " + seen.get());
            }
            Thread.sleep(100);
        }
    }

    /** A picture of the whole screen (on the UI thread): the desktop, its tray and any open menu. */
    ImageData screen() {
        return get(() -> {
            Rectangle bounds = display.getBounds();
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, 0, 0);
            } finally {
                gc.dispose();
            }
            ImageData data = image.getImageData();
            image.dispose();
            return data;
        });
    }

    /** Saves a picture as PNG. */
    static void save(ImageData data, Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new Failure("the screenshot " + file + " was not written");
        }
    }

    /** A step's check that did not hold; the message says what was seen. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
