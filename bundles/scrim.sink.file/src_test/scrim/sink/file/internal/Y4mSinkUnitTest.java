package scrim.sink.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;

/**
 * The file output driven as the engine drives it (open, write, close, and open again when the
 * format changes), on real files: nothing the user already has is overwritten or written through.
 */
class Y4mSinkUnitTest {

    private static final VideoFormat SMALL = VideoFormat.yuyv(4, 2, 30);
    private static final VideoFormat WIDER = VideoFormat.yuyv(6, 2, 30);

    @TempDir
    Path dir;

    private final Y4mSink sink = new Y4mSink();
    private boolean deactivated;

    private Path activate(String name) {
        Path file = dir.resolve(name);
        sink.activate(new Y4mSink.Config() {
            @Override
            public String sink_id() {
                return file.toString();
            }

            @Override
            public String file() {
                return file.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return Y4mSink.Config.class;
            }
        });
        return file;
    }

    /** Ends the output as DS does when its configuration goes away. */
    private void deactivate() throws IOException {
        if (!deactivated) {
            deactivated = true;
            sink.deactivate();
        }
    }

    @AfterEach
    void end() throws IOException {
        deactivate();
    }

    private void write(VideoFormat format, int frames) throws Exception {
        try (FramePool pool = new FramePool(format, 1)) {
            for (int i = 0; i < frames; i++) {
                try (Frame f = pool.acquire(0, TimeUnit.SECONDS)) {
                    sink.write(f);
                }
            }
        }
    }

    private static String header(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf('\n'));
    }

    private static long frames(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return text.split("FRAME\n", -1).length - 1;
    }

    private String[] listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aNewFormatMidRunStartsANumberedFileAndKeepsTheFinishedOne() throws Exception {
        Path out = activate("out.y4m");
        Files.writeString(dir.resolve("out-2.y4m"), "a file of the user's, not ours");
        sink.open(SMALL);
        write(SMALL, 2);
        sink.open(WIDER); // what SinkSet does when the size changes: close, then open at the new format
        write(WIDER, 3);
        sink.open(SMALL);
        write(SMALL, 1);
        sink.close();

        assertTrue(header(out).startsWith("YUV4MPEG2 W4 H2 "), header(out));
        assertEquals(2, frames(out), "the first file keeps its frames");
        assertEquals("a file of the user's, not ours", Files.readString(dir.resolve("out-2.y4m")), "an existing numbered file is not touched");
        assertTrue(header(dir.resolve("out-3.y4m")).startsWith("YUV4MPEG2 W6 H2 "));
        assertEquals(3, frames(dir.resolve("out-3.y4m")));
        assertEquals(1, frames(dir.resolve("out-4.y4m")));
        assertArrayEquals(new String[] {"out-2.y4m", "out-3.y4m", "out-4.y4m", "out.y4m", "out.y4m.lock"}, listing(),
                "the name stays locked while the output is configured; the numbered files are let go when finished");
        deactivate();
        assertArrayEquals(new String[] {"out-2.y4m", "out-3.y4m", "out-4.y4m", "out.y4m"}, listing(), "no .part or .lock left");
    }

    @Test
    void aPartFileThatIsASymbolicLinkIsNotWrittenThrough() throws Exception {
        Path out = activate("out.y4m");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(dir.resolve("out.y4m.part"), victim);
        sink.open(SMALL);
        write(SMALL, 2);
        sink.close();
        assertEquals("precious", Files.readString(victim), "the link's target is untouched");
        assertFalse(Files.isSymbolicLink(out), "the output is a file of its own");
        assertEquals(2, frames(out));
    }

    @Test
    void anOutputThatReceivedNoFrameDoesNotReplaceTheExistingFile() throws Exception {
        Path out = activate("out.y4m");
        Files.writeString(out, "yesterday's good video");
        sink.open(SMALL);
        sink.close();
        assertEquals("yesterday's good video", Files.readString(out));
        deactivate();
        assertArrayEquals(new String[] {"out.y4m"}, listing(), "no .part or .lock left");
    }

    @Test
    void aSecondOutputOfTheSameFileIsRefusedAndTheFirstGoesOn() throws Exception {
        Path out = activate("out.y4m");
        sink.open(SMALL);
        write(SMALL, 1);
        Y4mSink second = new Y4mSink();
        second.activate(new Y4mSink.Config() {
            @Override
            public String sink_id() {
                return "second";
            }

            @Override
            public String file() {
                return out.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return Y4mSink.Config.class;
            }
        });
        try {
            IOException refused = assertThrows(IOException.class, () -> second.open(SMALL));
            assertTrue(refused.getMessage().contains("is already being written"), refused.getMessage());
            // POSIX locks go with any descriptor of the file this process closes: the refusal must not have opened it
            Object inode = Files.getAttribute(dir.resolve("out.y4m.lock"), "unix:ino");
            long pid = ProcessHandle.current().pid();
            assertTrue(Files.readAllLines(Path.of("/proc/locks")).stream()
                    .anyMatch(l -> l.contains(" POSIX ") && l.contains(" " + pid + " ") && l.contains(":" + inode + " ")),
                    "the first output still holds its lock");
        } finally {
            second.deactivate();
        }
        write(SMALL, 1);
        sink.close();
        assertEquals(2, frames(out));
    }

    @Test
    void aFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = Files.createDirectory(activate("out.y4m"));
        IOException refused = assertThrows(IOException.class, () -> sink.open(SMALL));
        assertTrue(refused.getMessage().contains("is a folder"), refused.getMessage());
        assertArrayEquals(new String[] {"out.y4m"}, listing(), "no .part left");
        assertTrue(Files.isDirectory(out));
    }
}
