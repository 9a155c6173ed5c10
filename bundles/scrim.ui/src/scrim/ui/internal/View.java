package scrim.ui.internal;

import org.eclipse.swt.widgets.Control;

import scrim.api.PipelineStatus;

/** One page of the window's settings. */
interface View {

    /** Short name for widget ids. */
    String id();

    String title();

    Control control();

    /** Twice a second, on the UI thread: show what changed (parts installed or removed, figures). */
    void refresh(PipelineStatus status);

    default void dispose() {
    }
}
