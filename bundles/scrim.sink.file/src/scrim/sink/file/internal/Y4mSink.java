package scrim.sink.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.VideoFormat;
import scrim.pixels.PlaneSplitter;

/**
 * Writes frames to a YUV4MPEG2 file (planar 4:2:2, lossless from the pipeline's YUYV) that
 * ffmpeg, ffprobe and most players read. The file is written as {@code NAME.part} and renamed
 * to its name only when it is complete, so a crash never leaves a truncated file that looks whole.
 * <p>
 * Nothing a user already has is lost: the output is locked against a second Scrim
 * ({@link OutputLock}); the {@code .part} is created new and never through a symbolic link; when
 * the pipeline reopens the output (a new size mid-run) the finished file is kept and the rest
 * goes to a new numbered file ({@code out-2.y4m}, ...); a file whose writing failed, or that
 * received no frame, is removed instead of replacing the one of the same name.
 */
@Component(configurationPid = Y4mSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = FrameSink.KIND + "=file")
@Designate(ocd = Y4mSink.Config.class, factory = true)
public final class Y4mSink implements FrameSink {

    static final String PID = "scrim.sink.file";

    @ObjectClassDefinition(name = "Scrim file output", description = "A .y4m video file")
    @interface Config {
        @AttributeDefinition(name = "Id", description = "How the pipeline names this output")
        String sink_id();

        @AttributeDefinition(name = "File", description = "Path of the .y4m file to write")
        String file();
    }

    /** The configured name. */
    private Path file;
    /** The lock of {@link #file}, held from the first open until deactivation: no other Scrim writes it meanwhile. */
    private OutputLock nameLock;
    /** The lock of the numbered file being written, if any. */
    private OutputLock numberedLock;
    /** Files finished since activation: the first is {@link #file}, the next ones are numbered. */
    private int finished;
    /** The file being written now and its {@code .part}. */
    private Path target;
    private Path part;
    private FileChannel channel;
    private long framesWritten;
    /** Why a write failed: the file is removed, and the output refuses to reopen into a fragment. */
    private String failure;
    private BytePointer planes;
    private final ByteBuffer frameHeader = ByteBuffer.wrap("FRAME\n".getBytes(StandardCharsets.US_ASCII));
    private final ByteBuffer[] record = new ByteBuffer[2];
    private final PlaneSplitter splitter = new PlaneSplitter();
    private Mat luma;
    private Mat blue;
    private Mat red;

    @Activate
    void activate(Config config) {
        file = Path.of(config.file()).toAbsolutePath();
    }

    @Deactivate
    void deactivate() throws IOException {
        try {
            close();
        } finally {
            splitter.close();
            if (nameLock != null) {
                nameLock.close();
                nameLock = null;
            }
        }
    }

    @Override
    public synchronized void open(VideoFormat format) throws IOException {
        close();
        if (failure != null) {
            throw new IOException("output " + file + " stopped after a failed write (" + failure + "); start a new run to try again");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("output " + file + " is a folder: give a file name, for example " + file.resolve("out.y4m"));
        }
        if (nameLock == null) {
            nameLock = OutputLock.acquire(file);
        }
        Path next = finished == 0 ? file : nextNumberedName();
        Path nextPart = next.resolveSibling(next.getFileName() + ".part");
        try {
            channel = createPart(nextPart);
        } catch (IOException e) {
            releaseNumbered();
            throw e;
        }
        target = next;
        part = nextPart;
        framesWritten = 0;
        if (finished > 0) {
            // the engine has no channel for notes; the command line and the window's terminal show stderr
            System.err.printf(Locale.ROOT, "scrim: output %s reopened at %dx%d: the files written so far are kept, the video continues in %s%n",
                    file, format.width(), format.height(), target.getFileName());
        }
        int w = format.width();
        int h = format.height();
        int[] rate = format.fpsFraction();
        String header = String.format(Locale.ROOT, "YUV4MPEG2 W%d H%d F%d:%d Ip A1:1 C422 XCOLORRANGE=LIMITED\n", w, h, rate[0], rate[1]);
        try {
            channel.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            discard();
            throw new IOException("cannot write " + part + ": " + e.getMessage(), e);
        }
        long lumaBytes = (long) w * h;
        long chromaBytes = lumaBytes / 2;
        planes = new BytePointer(lumaBytes + 2 * chromaBytes);
        record[0] = frameHeader;
        record[1] = planes.capacity(lumaBytes + 2 * chromaBytes).asByteBuffer();
        luma = new Mat(h, w / 2, opencv_core.CV_8UC2, planes);
        blue = new Mat(h, w / 2, opencv_core.CV_8UC1, new BytePointer(planes).position(lumaBytes));
        red = new Mat(h, w / 2, opencv_core.CV_8UC1, new BytePointer(planes).position(lumaBytes + chromaBytes));
    }

    /** Creates a new {@code .part}, never through a link, with errors that say what to do. */
    private static FileChannel createPart(Path part) throws IOException {
        try {
            // a .part file under a name we hold is a leftover of a run that crashed (or a planted link): never write through it
            if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(part);
            }
            return FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + part + ": a folder of that name is in the way; remove it or choose another output", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + part + ": permission denied; choose a folder you may write to", e);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot write " + part + ": the folder " + part.getParent() + " does not exist; create it or choose another path", e);
        } catch (IOException e) {
            throw new IOException("cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code NAME-N.y4m} (N from 2) that does not exist and that no other Scrim holds, locked in {@link #numberedLock}. */
    private Path nextNumberedName() throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 2;; n++) {
            Path candidate = file.resolveSibling(stem + "-" + n + extension);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(candidate.resolveSibling(candidate.getFileName() + ".part"), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                numberedLock = OutputLock.acquire(candidate);
                return candidate;
            } catch (OutputLock.Busy heldElsewhere) {
                // another Scrim writes that name: take the next one
            }
        }
    }

    @Override
    public synchronized void write(Frame frame) throws IOException {
        if (channel == null) {
            throw new IOException("output " + file + " is not open");
        }
        splitter.split(frame, luma, blue, red);
        record[0].clear();
        record[1].clear();
        try {
            while (record[1].hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            throw failed(e);
        }
        framesWritten++;
    }

    /**
     * Finishes the file: makes it durable and gives it its real name. A file whose writing failed
     * or that has no frame is removed instead, so it never replaces a file of the same name.
     */
    @Override
    public synchronized void close() throws IOException {
        if (channel == null) {
            return;
        }
        if (failure != null || framesWritten == 0) {
            discard();
            return;
        }
        try {
            // a full disk may only show now (delayed allocation, network file systems)
            channel.force(true);
        } catch (IOException e) {
            IOException reported = failed(e);
            discard();
            throw reported;
        }
        try {
            channel.close();
            finished++; // complete, under its name or (if the rename fails) as .part: the next file is a new one
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot give " + part + " its name " + target.getFileName() + " (" + e.getMessage()
                    + "): the video is complete in " + part, e);
        } finally {
            release();
        }
    }

    /** Remembers a failed write and says what happened to the file. */
    private IOException failed(IOException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        String hint = why.contains("No space left") || why.contains("Disk quota") ? " (the disk is full: free some space or write elsewhere)"
                : why.contains("File too large") ? " (the file system's largest file is reached, FAT32 stops at 4 GB: write to another drive)" : "";
        failure = why;
        return new IOException("cannot write " + target + ": " + why + hint
                + "; the unfinished file is removed" + (Files.exists(target) ? " and the existing " + target.getFileName() + " is left as it was" : ""), e);
    }

    /** Closes and removes the unfinished file. */
    private void discard() throws IOException {
        try {
            channel.close();
            Files.deleteIfExists(part);
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        channel = null;
        if (planes != null) {
            luma.close();
            blue.close();
            red.close();
            planes.close();
            planes = null;
        }
        releaseNumbered();
    }

    private void releaseNumbered() throws IOException {
        if (numberedLock != null) {
            numberedLock.close();
            numberedLock = null;
        }
    }
}
