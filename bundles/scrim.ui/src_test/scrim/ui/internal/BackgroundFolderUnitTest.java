package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's backgrounds folder on real files, watched by inotify: adding, names, refusing, removing, following others. */
class BackgroundFolderUnitTest {

    @TempDir
    Path dir;

    private final Semaphore changes = new Semaphore(0);

    @Test
    void addCopiesUnderAFreeNameAndRemoveDeletesOnlyTheCopy() throws Exception {
        Path picture = Files.write(dir.resolve("my_office.jpg"), new byte[] {1, 2, 3});
        try (BackgroundFolder f = new BackgroundFolder(dir.resolve("backgrounds"), changes::release)) {
            Path first = f.add(picture);
            Path second = f.add(picture);
            assertEquals(dir.resolve("backgrounds/my_office.jpg"), first);
            assertEquals(dir.resolve("backgrounds/my_office-2.jpg"), second, "a second copy must not overwrite the first");
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(second));
            assertTrue(Files.isRegularFile(picture), "the original stays where it was");
            await(() -> f.list().size() == 2, f);
            Background b = f.list().stream().filter(x -> x.file().equals(first)).findFirst().orElseThrow();
            assertEquals("my office", b.label());
            assertTrue(b.own());
            f.remove(b);
            assertTrue(Files.isRegularFile(picture), "removing must not touch the original");
            await(() -> f.list().size() == 1, f);
        }
    }

    @Test
    void refusesWhatTheEffectsCannotShowAndSaysWhatTheyCan() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a picture");
        try (BackgroundFolder f = new BackgroundFolder(dir.resolve("backgrounds"), changes::release)) {
            IOException e = assertThrows(IOException.class, () -> f.add(text));
            assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("PNG or JPEG"), e.getMessage());
            assertEquals(List.of(), f.list());
            Background bundled = new Background("scrim.backgrounds:dawn", "Dawn", dir.resolve("elsewhere/dawn.png"), false, false);
            assertThrows(IOException.class, () -> f.remove(bundled));
        }
    }

    @Test
    void followsFilesOtherProgramsCopyInAndDelete() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backgrounds"));
        try (BackgroundFolder f = new BackgroundFolder(folder, changes::release)) {
            Files.write(folder.resolve("beach.png"), new byte[] {1});
            Files.write(folder.resolve("clip.avi"), new byte[] {1});
            Files.write(folder.resolve("readme.txt"), new byte[] {1});
            await(() -> f.list().size() == 2, f);
            assertTrue(f.list().stream().anyMatch(b -> b.video() && b.label().equals("clip")), f.list().toString());
            Files.delete(folder.resolve("beach.png"));
            await(() -> f.list().size() == 1, f);
        }
    }

    /** Waits for the watcher's calls (never a fixed sleep): each change wakes this, up to a generous limit. */
    private void await(BooleanSupplier condition, BackgroundFolder f) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            assertTrue(left > 0, "the folder did not follow within 30 s; it lists " + f.list());
            changes.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
    }
}
