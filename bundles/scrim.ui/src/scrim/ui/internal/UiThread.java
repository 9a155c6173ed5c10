package scrim.ui.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.eclipse.swt.SWTError;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The one SWT thread (GTK needs one thread for all of SWT, not a particular one) and its display.
 * When the launcher says a window is coming (framework property {@value #EARLY}), the connection
 * to the display is made as soon as this bundle starts, while the engine and the plugins start,
 * rather than after them: GTK's start-up, about a quarter of a second, is then off the time until
 * the window shows. The thread then waits for the window's work.
 */
@Component(service = UiThread.class, immediate = true)
public final class UiThread {

    /** Framework property: "true" when this start opens the control window. */
    static final String EARLY = "scrim.window";

    private final CompletableFuture<Display> connected = new CompletableFuture<>();
    private final CompletableFuture<Consumer<Display>> work = new CompletableFuture<>();
    private Thread thread;

    @Activate
    void activate(BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty(EARLY))) {
            start();
        }
    }

    /**
     * Runs {@code job} on the SWT thread with its display, once; returns when the job has begun.
     *
     * @throws ExecutionException with the display's error when it cannot be opened
     */
    void run(Consumer<Display> job) throws ExecutionException, InterruptedException {
        start();
        connected.get();
        if (!work.complete(job)) {
            throw new IllegalStateException("the control window is already open");
        }
    }

    /** Waits for the SWT thread to end (after its job ended). */
    void join(long millis) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.join(millis);
        }
    }

    private synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::loop, "scrim-ui");
            thread.start();
        }
    }

    private void loop() {
        Display d;
        try {
            // the window's WM_CLASS (X11) and app id (Wayland): desktops match it to the desktop entry of that id
            Display.setAppName("io.github.scrim_cam.Scrim");
            d = new Display();
        } catch (SWTError | RuntimeException e) { // no display, or one this user may not use
            connected.completeExceptionally(e);
            return;
        }
        connected.complete(d);
        try {
            work.get().accept(d);
        } catch (ExecutionException | InterruptedException e) {
            // no window after all (the bundle stops)
        } finally {
            if (!d.isDisposed()) {
                d.dispose();
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        work.complete(d -> { });
        join(5000);
    }
}
