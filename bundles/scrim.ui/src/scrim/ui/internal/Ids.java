package scrim.ui.internal;

import org.eclipse.swt.widgets.Widget;

/** Names widgets, so tests and accessibility tools can find them. */
final class Ids {

    /** The widget data key holding the name. */
    static final String KEY = "scrim.id";

    private Ids() {
    }

    static <W extends Widget> W tag(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}
