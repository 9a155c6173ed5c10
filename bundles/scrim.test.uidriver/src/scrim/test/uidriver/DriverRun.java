package scrim.test.uidriver;

import java.util.function.Supplier;

/**
 * What every driver shares: a daemon thread of its own, started when its mode is asked for, that
 * runs the driver's steps in order and prints one line per step for the distribution test
 * ("ui-driver: PASS step what was seen", "ui-driver: FAIL step why"), then "ui-driver: DONE",
 * and closes the window, unless the steps ended Scrim themselves (a quit being tested).
 */
final class DriverRun {

    private static final String PREFIX = "ui-driver: ";

    /** A driver's steps; true when they ended Scrim themselves (having printed DONE first). */
    interface Steps {
        boolean run(DriverRun run) throws Exception;
    }

    /** One step: what it saw, or a {@link Ui.Failure} saying what it did not. */
    interface Step {
        String check() throws Exception;
    }

    private final Thread thread;
    private final Steps steps;
    private final Supplier<Ui> window;
    /** The step under way, named in a failure (finding the window comes first). */
    private volatile String step = "window";

    private DriverRun(String threadName, Steps steps, Supplier<Ui> window) {
        this.steps = steps;
        this.window = window;
        thread = new Thread(this::drive, threadName);
        thread.setDaemon(true);
    }

    /** @param window the driver's window once found, or null: closed at the end */
    static DriverRun start(String threadName, Steps steps, Supplier<Ui> window) {
        DriverRun run = new DriverRun(threadName, steps, window);
        run.thread.start();
        return run;
    }

    /** Stops a run when the bundle stops; nothing for a driver whose mode was not asked for ({@code run} null). */
    static void stop(DriverRun run) throws InterruptedException {
        if (run != null && run.thread != Thread.currentThread()) {
            run.thread.interrupt();
            run.thread.join(2000);
        }
    }

    /** Runs one step and prints what it saw. */
    void step(String name, Step check) throws Exception {
        step = name;
        pass(name, check.check());
    }

    private void drive() {
        boolean ended = false;
        try {
            ended = steps.run(this);
        } catch (InterruptedException e) {
            return; // the framework is stopping
        } catch (Ui.Failure e) {
            print("FAIL " + step + " " + e.getMessage());
        } catch (Throwable t) {
            print("FAIL " + step + " " + t);
            t.printStackTrace();
        }
        if (!ended) {
            print("DONE");
            Ui ui = window.get();
            if (ui != null) {
                ui.close();
            }
        }
    }

    static void pass(String step, String details) {
        print("PASS " + step + " " + details);
    }

    static void print(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
