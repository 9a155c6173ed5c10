package scrim.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * One gallery tile: the thumbnail, the name under it, and a frame when it is the current choice.
 * A click, Enter or Space selects it (its Selection listeners run); it takes the keyboard focus
 * like a button, and screen readers read its name.
 */
final class Tile {

    /** Widget data for tests and tools: Boolean, whether this tile is the current choice. */
    static final String SELECTED = "scrim.selected";
    /** Widget data for tests and tools: Boolean, whether a thumbnail is shown. */
    static final String THUMBNAIL = "scrim.thumbnail";
    private static final int LABEL_HEIGHT = 20;
    private static final int BORDER = 3;

    private final Canvas canvas;
    private final String label;
    private Image thumbnail;
    private boolean selected;

    Tile(Composite parent, BackgroundChoice choice) {
        label = choice.label();
        canvas = Ids.tag(new Canvas(parent, SWT.DOUBLE_BUFFERED), "gallery.tile." + choice.id());
        canvas.setLayoutData(new RowData(ThumbnailRenderer.WIDTH + 2 * BORDER, ThumbnailRenderer.HEIGHT + 2 * BORDER + LABEL_HEIGHT));
        canvas.setData(SELECTED, Boolean.FALSE);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                select();
            }
        });
        canvas.addListener(SWT.KeyDown, e -> {
            if (e.character == SWT.CR || e.character == ' ') {
                select();
            }
        });
        canvas.addListener(SWT.Traverse, e -> e.doit = true); // Tab moves between tiles
        canvas.addListener(SWT.FocusIn, e -> canvas.redraw());
        canvas.addListener(SWT.FocusOut, e -> canvas.redraw());
        canvas.addListener(SWT.Dispose, e -> {
            if (thumbnail != null) {
                thumbnail.dispose();
            }
        });
        canvas.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                e.result = label + (selected ? " (current background)" : "");
            }
        });
    }

    Canvas control() {
        return canvas;
    }

    private void select() {
        Event e = new Event();
        e.widget = canvas;
        canvas.notifyListeners(SWT.Selection, e);
    }

    /** Shows a new thumbnail (on the UI thread). */
    void thumbnail(ImageData pixels) {
        if (thumbnail != null) {
            thumbnail.dispose();
        }
        thumbnail = new Image(canvas.getDisplay(), pixels);
        canvas.setData(THUMBNAIL, Boolean.TRUE);
        canvas.redraw();
    }

    void selected(boolean s) {
        if (s != selected) {
            selected = s;
            canvas.setData(SELECTED, s);
            canvas.redraw();
        }
    }

    private void paint(GC gc) {
        var d = canvas.getDisplay();
        Point size = canvas.getSize();
        gc.setBackground(canvas.getParent().getBackground());
        gc.fillRectangle(0, 0, size.x, size.y);
        if (selected || canvas.isFocusControl()) {
            gc.setBackground(d.getSystemColor(selected ? SWT.COLOR_LIST_SELECTION : SWT.COLOR_WIDGET_NORMAL_SHADOW));
            gc.fillRectangle(0, 0, size.x, ThumbnailRenderer.HEIGHT + 2 * BORDER);
        }
        if (thumbnail != null) {
            gc.drawImage(thumbnail, BORDER, BORDER);
        } else {
            gc.setBackground(d.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.fillRectangle(BORDER, BORDER, ThumbnailRenderer.WIDTH, ThumbnailRenderer.HEIGHT);
        }
        gc.setForeground(d.getSystemColor(selected ? SWT.COLOR_LIST_SELECTION : SWT.COLOR_WIDGET_FOREGROUND));
        String text = label;
        int room = size.x - 4;
        while (gc.textExtent(text).x > room && text.length() > 2) {
            text = text.substring(0, text.length() - 2) + "…";
        }
        Point extent = gc.textExtent(text);
        gc.drawText(text, (size.x - extent.x) / 2, ThumbnailRenderer.HEIGHT + 2 * BORDER + 2, true);
    }
}
