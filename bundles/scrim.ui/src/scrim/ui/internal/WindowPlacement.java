package scrim.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Monitor;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

/**
 * Remembers the window's size, position, maximised state and selected view in the window's saved
 * setup, and puts the window back there on the next start: within the screen of today (a smaller
 * monitor shrinks it; a position that is on no monitor any more is ignored and the window is
 * centred). Saved a second after the last move or resize, and when the window closes.
 */
final class WindowPlacement {

    static final String X = "window.x";
    static final String Y = "window.y";
    static final String WIDTH = "window.width";
    static final String HEIGHT = "window.height";
    static final String MAXIMISED = "window.maximised";
    /** The selected view's id ("tab.devices"). */
    static final String VIEW = "window.view";
    private static final int SAVE_DELAY_MILLIS = 1000;
    /** The part of the window by which it can be grabbed: it must be on a monitor for the saved position to count. */
    private static final int GRIP_WIDTH = 64;
    private static final int GRIP_HEIGHT = 24;

    private final Shell shell;
    private final TabFolder views;
    private final SavedSetup saved;
    private final Runnable save = this::save;
    /** The bounds while neither maximised nor minimised: what is saved, so un-maximising after a restart restores them. */
    private Rectangle normal;
    private Map<String, Object> lastSaved = Map.of();

    WindowPlacement(Shell shell, TabFolder views, SavedSetup saved) {
        this.shell = shell;
        this.views = views;
        this.saved = saved;
    }

    /** Before the window opens: the saved size and place (or {@code size} the first time), then follows changes. */
    void restore(Point size) {
        int width = number(WIDTH);
        int height = number(HEIGHT);
        Monitor[] monitors = shell.getDisplay().getMonitors();
        Rectangle[] areas = new Rectangle[monitors.length];
        for (int i = 0; i < monitors.length; i++) {
            areas[i] = monitors[i].getClientArea();
        }
        Rectangle primary = shell.getDisplay().getPrimaryMonitor().getClientArea();
        Rectangle wanted = width > 0 && height > 0 ? new Rectangle(number(X), number(Y), width, height) : null;
        shell.setBounds(place(wanted, size, areas, primary));
        normal = shell.getBounds();
        shell.addListener(SWT.Move, e -> changed());
        shell.addListener(SWT.Resize, e -> changed());
        views.addListener(SWT.Selection, e -> later());
        shell.addListener(SWT.Dispose, e -> {
            shell.getDisplay().timerExec(-1, save);
            save();
        });
    }

    /** Once the window is open: maximised again if it was. */
    void restoreMaximised() {
        if (Boolean.parseBoolean(saved.text(MAXIMISED, "false"))) {
            shell.setMaximized(true);
        }
    }

    /** Once every view is there: the view that was selected. */
    void restoreView() {
        String id = saved.text(VIEW, "");
        for (TabItem item : views.getItems()) {
            if (id.equals(item.getData(Ids.KEY))) {
                views.setSelection(item);
            }
        }
    }

    /**
     * Where the window goes: {@code wanted} (null the first time: {@code size}, centred on the
     * primary monitor) made no larger than its monitor's usable area and moved within it; if
     * its top-left grip is on no monitor, it is centred on the primary one instead.
     */
    static Rectangle place(Rectangle wanted, Point size, Rectangle[] monitors, Rectangle primary) {
        Rectangle on = null;
        if (wanted != null) {
            Rectangle grip = new Rectangle(wanted.x, wanted.y, Math.min(GRIP_WIDTH, wanted.width), GRIP_HEIGHT);
            for (Rectangle m : monitors) {
                Rectangle common = m.intersection(grip);
                if (on == null && common.width >= grip.width / 2 && common.height >= grip.height / 2) {
                    on = m;
                }
            }
        }
        Rectangle area = on == null ? primary : on;
        int width = Math.min(wanted == null ? size.x : wanted.width, area.width);
        int height = Math.min(wanted == null ? size.y : wanted.height, area.height);
        if (on == null) {
            return new Rectangle(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
        }
        int x = Math.max(area.x, Math.min(wanted.x, area.x + area.width - width));
        int y = Math.max(area.y, Math.min(wanted.y, area.y + area.height - height));
        return new Rectangle(x, y, width, height);
    }

    private void changed() {
        if (!shell.getMaximized() && !shell.getMinimized() && shell.isVisible()) {
            normal = shell.getBounds();
        }
        later();
    }

    private void later() {
        if (!shell.isDisposed()) {
            shell.getDisplay().timerExec(SAVE_DELAY_MILLIS, save); // again with the same runnable: the timer starts over
        }
    }

    private void save() {
        if (shell.isDisposed()) {
            return; // saved in its Dispose event already
        }
        Map<String, Object> now = new LinkedHashMap<>();
        now.put(X, normal.x);
        now.put(Y, normal.y);
        now.put(WIDTH, normal.width);
        now.put(HEIGHT, normal.height);
        now.put(MAXIMISED, shell.getMaximized());
        int selected = views.getSelectionIndex();
        if (selected >= 0 && views.getItem(selected).getData(Ids.KEY) instanceof String id) {
            now.put(VIEW, id);
        }
        if (now.equals(lastSaved)) {
            return;
        }
        try {
            saved.setAll(now);
            lastSaved = now;
        } catch (RuntimeException e) {
            // the next start opens at the default place: worth a line, not a failure
            System.err.println("scrim: the window's size and place cannot be saved (" + e.getMessage() + "); check that the config folder is writable");
        }
    }

    private int number(String key) {
        try {
            return (int) Double.parseDouble(saved.text(key, "0"));
        } catch (NumberFormatException e) {
            return 0; // edited by hand into something else: the default place
        }
    }
}
