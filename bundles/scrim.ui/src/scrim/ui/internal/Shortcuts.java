package scrim.ui.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;

import scrim.api.Pipeline;

/**
 * The window's keyboard shortcuts: Ctrl+Q quits, Ctrl+1 to Ctrl+4 show the first four views,
 * Ctrl+B turns blur on (the gallery's Blur) and off again (back to the chain before it, or None).
 * A display filter sees the keys before the focused control; it takes only these Ctrl
 * combinations in this window, so every other key still reaches text fields and lists.
 */
final class Shortcuts implements Listener {

    /** What the tooltips say. */
    static final String SUMMARY = "Ctrl+1 to Ctrl+4: views, Ctrl+B: blur on/off, Ctrl+Q: quit";
    private static final int VIEWS = 4;
    private static final List<String> BLUR = List.of("blur");

    private final Shell shell;
    private final TabFolder views;
    private final Services services;
    private final Runnable quit;
    /** The chain Ctrl+B replaced with blur, to go back to; empty for None. */
    private List<String> beforeBlur = List.of();

    /** @param quit what the tray's Quit does (or closing the window where there is no tray) */
    Shortcuts(Shell shell, TabFolder views, Services services, Runnable quit) {
        this.shell = shell;
        this.views = views;
        this.services = services;
        this.quit = quit;
        Display display = shell.getDisplay();
        display.addFilter(SWT.KeyDown, this);
        shell.addListener(SWT.Dispose, e -> display.removeFilter(SWT.KeyDown, this));
    }

    /** The tooltip of view {@code index} (from 0), naming its shortcut if it has one. */
    static String viewTip(String title, int index) {
        return index < VIEWS ? title + " (Ctrl+" + (index + 1) + ")" : title;
    }

    @Override
    public void handleEvent(Event e) {
        if ((e.stateMask & SWT.MODIFIER_MASK) != SWT.MOD1 || !(e.widget instanceof Control c) || c.isDisposed() || c.getShell() != shell) {
            return;
        }
        int key = Character.toLowerCase(e.keyCode);
        if (key == 'q') {
            e.doit = false;
            quit.run();
        } else if (key >= '1' && key < '1' + VIEWS) {
            e.doit = false;
            show(key - '1');
        } else if (key == 'b') {
            e.doit = false;
            toggleBlur();
        }
    }

    /** Selects the view as a click on its title does (its Selection listeners run). */
    private void show(int index) {
        if (index >= views.getItemCount()) {
            return;
        }
        views.setSelection(index);
        Event selected = new Event();
        selected.item = views.getItem(index);
        views.notifyListeners(SWT.Selection, selected);
    }

    private void toggleBlur() {
        List<String> chain = services.engine().list(Pipeline.CONFIG_EFFECTS);
        if (chain.equals(BLUR)) {
            services.engine().setList(Pipeline.CONFIG_EFFECTS, beforeBlur);
            beforeBlur = List.of();
        } else {
            beforeBlur = chain;
            BackgroundChoice.all(List.of()).stream().filter(c -> c.kind() == BackgroundChoice.Kind.BLUR).findFirst().orElseThrow().apply(services);
        }
    }
}
