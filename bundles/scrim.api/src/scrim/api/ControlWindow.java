package scrim.api;

import org.osgi.annotation.versioning.ProviderType;

/** The control application's window, offered by the UI bundle when a display is available. */
@ProviderType
public interface ControlWindow {

    /** Opens the window and returns at once; {@code onClose} runs after the person closes it. */
    default void open(Runnable onClose) throws Exception {
        open(true, onClose);
    }

    /**
     * Starts the control application and returns at once. With a system tray, closing the window
     * keeps the application in the tray; {@code onQuit} runs when the person quits it (or closes
     * the window where there is no tray).
     *
     * @param visible false starts in the tray with the window hidden ({@code scrim --background});
     *                without a tray the window is shown anyway
     */
    void open(boolean visible, Runnable onQuit) throws Exception;

    /** Brings the window forward, opening it from the tray; for a second start of Scrim. */
    void show();
}
