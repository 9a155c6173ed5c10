package scrim.api;

import org.osgi.annotation.versioning.ProviderType;

/** The control application's window, offered by the UI bundle when a display is available. */
@ProviderType
public interface ControlWindow {

    /** Opens the window and returns at once; {@code onClose} runs after the person closes it. */
    void open(Runnable onClose) throws Exception;
}
