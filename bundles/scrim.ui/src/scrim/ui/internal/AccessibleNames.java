package scrim.ui.internal;

import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.widgets.Control;

/**
 * Names controls for screen readers where SWT has no text of their own to read: a list, a combo,
 * a table or a field whose name is a label beside it (GTK does not link the two), a canvas.
 */
final class AccessibleNames {

    private AccessibleNames() {
    }

    /** Gives {@code control} this accessible name (for itself, not for its rows or items). */
    static <C extends Control> C name(C control, String name) {
        control.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                if (e.childID == ACC.CHILDID_SELF) {
                    e.result = name;
                }
            }
        });
        return control;
    }
}
