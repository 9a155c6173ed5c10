package scrim.ui.internal;

import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.Frame;
import scrim.api.FrameTap;

/**
 * The window's one tap on the pipeline, registered while the window can be seen: it feeds the
 * preview and the gallery's thumbnails, each when it wants a frame. One tap, so the window counts
 * as one viewer however many of its parts watch.
 */
record WindowTap(FrameTap preview, FrameTap thumbnails) implements FrameTap {

    @Override
    public boolean wants() {
        return preview.wants() || thumbnails.wants();
    }

    @Override
    public void offer(Frame camera, Mat mask, Frame output) {
        if (preview.wants()) {
            preview.offer(camera, mask, output);
        }
        if (thumbnails.wants()) {
            thumbnails.offer(camera, mask, output);
        }
    }
}
