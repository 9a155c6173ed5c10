package scrim.sink.pipewire.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;


/**
 * The PipeWire camera output {@code pipewire}, node "Scrim": registered whenever libpipewire is
 * installed, whether or not its daemon runs now (the output connects when it does). Without
 * the library there is no such output, and scrim doctor says why.
 */
@Component(immediate = true)
public final class PipeWireCamera {

    /** The output id, as given to --output. */
    static final String ID = "pipewire";
    /** The node name and description consumers list. */
    static final String NODE_NAME = "Scrim";

    private PipeWireSink sink;

    @Activate
    void activate(BundleContext context) {
        PipeWireLibrary pw;
        try {
            pw = PipeWireLibrary.load();
        } catch (UnsatisfiedLinkError e) {
            return; // PipeWire is not installed: no PipeWire output
        }
        sink = new PipeWireSink(pw, NODE_NAME);
        sink.register(context, ID);
    }

    @Deactivate
    void deactivate() {
        if (sink != null) {
            sink.dispose();
        }
    }
}
