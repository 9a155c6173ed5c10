package scrim.cli.internal;

/** One command of the command line ({@code run}, {@code list}, ...). */
interface Command {

    /** Not an exit status: the window is open and reports the exit when it closes. */
    int WINDOW_OPEN = -1;
    /** Exit status for a bad command line or setting. */
    int USAGE = 2;
    /** Exit status for a failure while running. */
    int FAILED = 1;

    /**
     * Runs the command.
     *
     * @return the exit status, or {@link #WINDOW_OPEN}
     * @throws IllegalArgumentException for a bad command line or setting (exit status {@link #USAGE})
     */
    int run(CommandLine cl) throws Exception;
}
