package scrim.api;

/**
 * Something the user should know about, in plain words.
 *
 * @param stage   where: {@code source}, {@code segmenter}, {@code effect}, {@code sink}, {@code config}
 * @param subject the id or name of the part concerned
 * @param message what happened and what to do
 */
public record Problem(String stage, String subject, String message) {
    @Override
    public String toString() {
        return stage + " " + subject + ": " + message;
    }
}
