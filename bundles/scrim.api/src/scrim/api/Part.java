package scrim.api;

import java.util.Map;

/**
 * An installed source, segmenter, effect or sink as the pipeline sees it. Immutable.
 *
 * @param id         the name used in configuration ({@code source.id}, {@code segmenter.name}, ...)
 * @param label      a human-readable name
 * @param properties all service properties
 */
public record Part(String id, String label, Map<String, Object> properties) {
    public Part {
        properties = Map.copyOf(properties);
    }
}
