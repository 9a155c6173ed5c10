package scrim.api;

import java.io.IOException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Loads segmentation model files from disk (outside any bundle) as {@link Segmenter} services. */
@ProviderType
public interface ModelLoader {

    /**
     * Loads a model file and registers it as a segmenter named by its absolute path (once:
     * loading the same file again returns the same name). Input size and output layout are
     * read from the model's tensors; options give what cannot be read there:
     * {@code range=MIN..MAX} (input values, default 0..1), {@code person=N} (the person class
     * of a multi-class model, default 1 for two classes and 15 for more), {@code logits} (a
     * one-channel output holds logits).
     *
     * @return the segmenter's name
     * @throws IOException naming the file and what is wrong: missing, not a model, unsupported
     *         tensor shapes, unknown options
     */
    String load(String path, Map<String, String> options) throws IOException;
}
