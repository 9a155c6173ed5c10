package scrim.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a start says about the Scrim already running in the session, asked over its socket
 * without starting a framework: a second window/start/background hands over to it, and
 * {@code scrim status} prints its state.
 */
final class RunningInstance {

    /** Exit status of {@code scrim status} when no Scrim runs. */
    static final int NOT_RUNNING = 3;

    private RunningInstance() {
    }

    /**
     * Asks the running instance to bring its window forward and says so.
     *
     * @return the exit status, or null when the instance ended meanwhile (take the lock again)
     */
    static Integer show(Path dir, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        String answer = InstanceClient.ask(dir, "show");
        if (answer == null) {
            return null;
        }
        String[] words = answer.strip().split(" ", 2);
        String pid = words.length > 1 ? words[1] : String.valueOf(InstanceLock.holder(dir));
        switch (words[0]) {
            case "shown" -> {
                out.println("Scrim is already running (pid " + pid + "): brought its window forward");
                return 0;
            }
            case "starting" -> {
                out.println("Scrim is already running (pid " + pid + "): its window is opening");
                return 0;
            }
            case "headless" -> {
                out.println("Scrim is already running (pid " + pid + ") without a window (scrim start): it keeps the devices;"
                        + " stop it (kill " + pid + ") to start another");
                return 0;
            }
            default -> {
                err.println("scrim: Scrim is already running (pid " + pid + ") but could not show its window: " + answer.strip());
                return 1;
            }
        }
    }

    /** Prints the running instance's status (human lines, then one JSON line): 0, or {@link #NOT_RUNNING}. */
    static int status(Path dir, PrintStream out) throws IOException, InterruptedException {
        String answer = InstanceClient.ask(dir, "status");
        if (answer == null) {
            out.println("Scrim is not running");
            return NOT_RUNNING;
        }
        out.print(answer);
        out.flush();
        return 0;
    }
}
