package scrim.ui.internal;

import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.ControlWindow;
import scrim.api.Pipeline;
import scrim.api.Settings;

/**
 * Offers the control window; opening it starts the SWT event loop on a thread of its own (GTK
 * needs one thread for all of SWT, not a particular one). Frames are never processed on that
 * thread: the preview converts them on its own thread and hands over finished pixels.
 */
@Component
public final class WindowComponent implements ControlWindow {

    @Reference
    private Pipeline pipeline;
    @Reference
    private Settings settings;
    @Reference
    private ConfigurationAdmin configAdmin;
    private BundleContext context;
    private Thread uiThread;
    private volatile Display display;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized void open(boolean visible, Runnable onClose) {
        if (uiThread != null && uiThread.isAlive()) {
            throw new IllegalStateException("the control window is already open");
        }
        uiThread = new Thread(() -> loop(onClose), "scrim-ui");
        uiThread.start();
    }

    private void loop(Runnable onClose) {
        Display d = new Display();
        display = d;
        try {
            Services services = new Services(pipeline, settings, configAdmin, context);
            MainWindow window = new MainWindow(d, services);
            window.open();
            while (!window.isDisposed()) {
                if (!d.readAndDispatch()) {
                    d.sleep();
                }
            }
        } finally {
            display = null;
            d.dispose();
            onClose.run();
        }
    }

    @Override
    public void show() {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(() -> {
                for (var shell : d.getShells()) {
                    shell.setVisible(true);
                    shell.setMinimized(false);
                    shell.forceActive();
                }
            });
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(() -> {
                for (var shell : d.getShells()) {
                    shell.dispose();
                }
            });
        }
        Thread t = uiThread;
        if (t != null && t != Thread.currentThread()) {
            t.join(5000);
        }
    }
}
