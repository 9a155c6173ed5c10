package scrim.test.uidriver;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.accessibility.AccessibleListener;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/**
 * What the polish checks read from the window and its screenshots: the widget tree, the
 * accessible name a screen reader would get, and where the preview's picture is (on the UI
 * thread where they touch widgets).
 */
final class WindowLooks {

    private WindowLooks() {
    }

    /** Where the picture is in the preview: the box of not-black pixels against the canvas. */
    static String fill(Ui.Shot shot) {
        Rectangle p = shot.preview();
        int left = Integer.MAX_VALUE;
        int right = -1;
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int y = p.y; y < p.y + p.height; y++) {
            for (int x = p.x; x < p.x + p.width; x++) {
                if (x < 0 || y < 0 || x >= shot.data().width || y >= shot.data().height) {
                    continue;
                }
                var c = shot.data().palette.getRGB(shot.data().getPixel(x, y));
                if (Math.max(c.red, Math.max(c.green, c.blue)) > 12) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return "no picture in the preview " + p;
        }
        int w = right - left + 1;
        int h = bottom - top + 1;
        boolean fillsWidth = Math.abs(w - p.width) <= 2;
        boolean fillsHeight = Math.abs(h - p.height) <= 2;
        boolean centred = Math.abs((left - p.x) - (p.x + p.width - 1 - right)) <= 2 && Math.abs((top - p.y) - (p.y + p.height - 1 - bottom)) <= 2;
        double shape = (double) w / h / (640.0 / 360);
        String where = String.format(Locale.ROOT, "picture %dx%d at (%d,%d) in the canvas %dx%d, shape %.3f of 16:9", w, h, left - p.x, top - p.y,
                p.width, p.height, shape);
        return ((fillsWidth || fillsHeight) && centred && Math.abs(shape - 1) < 0.02 ? "fills: " : "does not fill: ") + where;
    }

    static boolean focusable(Control c) {
        return c instanceof Button || c instanceof Combo || c instanceof Text || c instanceof Spinner || c instanceof org.eclipse.swt.widgets.List
                || c instanceof Table || c instanceof Tree || c instanceof Scale || c instanceof Slider || c instanceof Link || c instanceof Canvas
                || c instanceof TabFolder;
    }

    /** What a screen reader reads: a button's or link's own text, else what the control's accessible listeners say. */
    static String name(Control c) {
        if (c instanceof Button b && !b.getText().isBlank()) {
            return b.getText();
        }
        if (c instanceof Shell s && !s.getText().isBlank()) {
            return s.getText(); // its title
        }
        if (c instanceof Link l && !l.getText().isBlank()) {
            return l.getText();
        }
        try {
            Field f = c.getAccessible().getClass().getDeclaredField("accessibleListeners");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<AccessibleListener> listeners = (List<AccessibleListener>) f.get(c.getAccessible());
            AccessibleEvent e = new AccessibleEvent(c.getAccessible());
            e.childID = ACC.CHILDID_SELF;
            if (listeners != null) {
                for (AccessibleListener l : listeners) {
                    l.getName(e);
                }
            }
            return e.result == null ? "" : e.result;
        } catch (ReflectiveOperationException e) {
            throw new Ui.Failure("cannot read the accessible names of this SWT: " + e);
        }
    }

    /** Whether many pixels right of the preview differ between the two shots (another view is drawn). */
    static boolean paneChanged(Ui.Shot a, Ui.Shot b) {
        int from = a.preview().x + a.preview().width + 16;
        int changed = 0;
        for (int y = 0; y < Math.min(a.data().height, b.data().height); y += 2) {
            for (int x = from; x < Math.min(a.data().width, b.data().width); x += 2) {
                changed += a.data().getPixel(x, y) != b.data().getPixel(x, y) ? 1 : 0;
            }
        }
        return changed > 2000;
    }

    /** Inside a scrolled area's content: it may be scrolled out of sight, as meant (the scrolled area itself is checked). */
    static boolean inScroller(Control c) {
        for (Composite p = c.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrolledComposite) {
                return true;
            }
        }
        return false;
    }

    static void walk(Control c, Consumer<Control> each) {
        each.accept(c);
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                walk(child, each);
            }
        }
    }
}
