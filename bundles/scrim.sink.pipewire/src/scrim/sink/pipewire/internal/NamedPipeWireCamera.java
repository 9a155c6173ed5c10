package scrim.sink.pipewire.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;


/** A PipeWire camera with another node name ({@code --output pipewire:NAME}): one per factory configuration. */
@Component(configurationPid = NamedPipeWireCamera.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NamedPipeWireCamera.Config.class, factory = true)
public final class NamedPipeWireCamera {

    static final String PID = "scrim.sink.pipewire";

    @ObjectClassDefinition(name = "Scrim PipeWire camera", description = "A PipeWire video source node with its own name")
    @interface Config {
        @AttributeDefinition(name = "Id", description = "How the pipeline names this output, for example pipewire:Studio")
        String sink_id();

        @AttributeDefinition(name = "Node name", description = "The camera's name in PipeWire and in the apps that list it")
        String node_name();
    }

    private PipeWireSink sink;

    @Activate
    void activate(BundleContext context, Config config) {
        PipeWireLibrary pw = PipeWireLibrary.load(); // a missing library fails the activation with its message
        sink = new PipeWireSink(pw, config.node_name());
        sink.register(context, config.sink_id());
    }

    @Deactivate
    void deactivate() {
        sink.dispose();
    }
}
