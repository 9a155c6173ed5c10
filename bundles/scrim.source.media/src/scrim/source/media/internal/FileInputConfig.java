package scrim.source.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of an input read from a file (one factory configuration per file). */
@ObjectClassDefinition(name = "Scrim file input", description = "A picture or video file used as the camera")
@interface FileInputConfig {

    @AttributeDefinition(name = "Id", description = "How the pipeline names this input")
    String source_id();

    @AttributeDefinition(name = "File", description = "A PNG or JPEG picture, a Motion-JPEG AVI file, or a picture sequence like shot%04d.png")
    String file();
}
