package scrim.launcher;

import java.nio.file.Path;

/** Test helper run as its own process: takes the instance lock, says "held", and keeps it until killed. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        InstanceLock lock = InstanceLock.tryTake(Path.of(args[0]));
        System.out.println(lock == null ? "not held" : "held");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
