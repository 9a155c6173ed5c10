package scrim.ui.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Whether the desktop shows tray icons. SWT on GTK 3 always hands out a {@code Tray}, even where
 * nothing displays its icons (GNOME without an extension, a bare X server), and an icon nobody
 * sees would make closing the window look like quitting while Scrim runs on. So ask X11 whether a
 * tray manager owns the {@code _NET_SYSTEM_TRAY_S<screen>} selection (freedesktop system tray
 * specification), which is where GTK's status icons go.
 */
final class TrayPresence {

    /** The few Xlib calls needed. */
    interface X11 extends Library {
        Pointer XOpenDisplay(String name);

        int XDefaultScreen(Pointer display);

        NativeLong XInternAtom(Pointer display, String name, boolean onlyIfExists);

        NativeLong XGetSelectionOwner(Pointer display, NativeLong selection);

        int XCloseDisplay(Pointer display);
    }

    private TrayPresence() {
    }

    /** @return null when a tray is there, else why not (for the message that the window stays open) */
    static String missing() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isEmpty()) {
            return "no X11 display (tray icons need one)";
        }
        X11 x;
        try {
            x = Native.load("X11", X11.class);
        } catch (UnsatisfiedLinkError e) {
            return "libX11 cannot be loaded: " + e.getMessage();
        }
        Pointer d = x.XOpenDisplay(display);
        if (d == null) {
            return "cannot open display " + display;
        }
        try {
            String selection = "_NET_SYSTEM_TRAY_S" + x.XDefaultScreen(d);
            NativeLong atom = x.XInternAtom(d, selection, false);
            return x.XGetSelectionOwner(d, atom).longValue() != 0 ? null : "this desktop shows no tray icons (no owner of " + selection + ")";
        } finally {
            x.XCloseDisplay(d);
        }
    }
}
