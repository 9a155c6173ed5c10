package scrim.api;

/** What the pipeline is doing. */
public enum PipelineState {
    /** Not asked to run. */
    STOPPED,
    /** Asked to run, but the configured source is not there (yet). */
    WAITING,
    /** Frames flow. */
    RUNNING,
    /** Reached its frame limit or the end of a finite source; sinks are closed. */
    FINISHED,
    /** The source or a sink could not be opened; see the problems. */
    FAILED
}
