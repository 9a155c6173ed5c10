package scrim.sink.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
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


    private Path file;
    private Path part;
    private FileChannel channel;
    /** A write failed: the file is incomplete and is removed instead of renamed. */
    private boolean broken;
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
        part = file.resolveSibling(file.getFileName() + ".part");
    }

    @Deactivate
    void deactivate() throws IOException {
        close();
        splitter.close();
    }

    @Override
    public synchronized void open(VideoFormat format) throws IOException {
        close();
        broken = false;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + part + ": permission denied; choose a folder you may write to", e);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot write " + part + ": the folder " + part.getParent() + " does not exist; create it or choose another path", e);
        } catch (IOException e) {
            throw new IOException("cannot write " + part + ": " + e.getMessage(), e);
        }
        int w = format.width();
        int h = format.height();
        int[] rate = format.fpsFraction();
        String header = String.format(Locale.ROOT, "YUV4MPEG2 W%d H%d F%d:%d Ip A1:1 C422 XCOLORRANGE=LIMITED\n", w, h, rate[0], rate[1]);
        try {
            channel.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            channel.close();
            channel = null;
            Files.deleteIfExists(part);
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
            broken = true;
            throw new IOException("cannot write to " + part + ": " + e.getMessage() + " (is the disk full?)", e);
        }
    }

    /** Finishes the file: closes it and gives it its real name. */
    @Override
    public synchronized void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            if (broken) {
                Files.deleteIfExists(part);
            } else {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            channel = null;
            luma.close();
            blue.close();
            red.close();
            planes.close();
        }
    }
}
