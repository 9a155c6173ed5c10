package scrim.pixels;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pictures' bytes seen with another number of channels, such as YUYV pixels ({@code CV_8UC2})
 * as pairs ({@code CV_8UC4}). A view is made when a picture is first seen and kept while the
 * picture keeps its buffer, which OpenCV guarantees while the picture keeps its size and type
 * (writing into a matrix of the right size and type never reallocates it). So a view is
 * remade only when its picture was closed or changed size or type, and asking for it costs no
 * allocation: comparing buffer addresses instead would make a pointer object per call.
 *
 * <p>Ask for the view after every write to the picture. A picture given a new buffer of the
 * same size and type ({@code release()} and {@code create()}, or assignment from another
 * matrix) would keep showing the old buffer: never do that to a viewed picture.
 *
 * <p>Keeps one view per picture for a few pictures (a video's rotating pictures each have
 * theirs); when all slots are taken, the oldest view goes. One instance per thread.
 */
public final class Views implements AutoCloseable {

    private final int channels;
    private final Mat[] pictures;
    private final Mat[] views;
    private final int[] rows;
    private final int[] cols;
    private final int[] types;
    private int oldest;

    /**
     * @param channels channels of the views
     * @param slots    how many pictures keep their views at once
     */
    public Views(int channels, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a view cache needs at least one slot, not " + slots);
        }
        this.channels = channels;
        pictures = new Mat[slots];
        views = new Mat[slots];
        rows = new int[slots];
        cols = new int[slots];
        types = new int[slots];
    }

    /** The picture's bytes with this cache's channel count (owned by the cache: do not close it). */
    public Mat of(Mat picture) {
        int r = picture.rows();
        int c = picture.cols();
        int t = picture.type();
        int slot = -1;
        for (int i = 0; i < pictures.length && slot < 0; i++) {
            if (pictures[i] == picture) {
                if (rows[i] == r && cols[i] == c && types[i] == t) {
                    return views[i];
                }
                slot = i; // resized or retyped: a new buffer
            }
        }
        if (slot < 0) {
            slot = stale();
        }
        drop(slot);
        views[slot] = picture.reshape(channels, r);
        pictures[slot] = picture;
        rows[slot] = r;
        cols[slot] = c;
        types[slot] = t;
        return views[slot];
    }

    /** A free slot, or one whose picture is closed, or else the oldest. */
    private int stale() {
        for (int i = 0; i < pictures.length; i++) {
            if (pictures[i] == null || pictures[i].isNull()) {
                return i;
            }
        }
        int slot = oldest;
        oldest = (oldest + 1) % pictures.length;
        return slot;
    }

    private void drop(int slot) {
        if (views[slot] != null) {
            views[slot].close(); // also lets go of the old buffer, which the view shares
            views[slot] = null;
        }
        pictures[slot] = null;
    }

    @Override
    public void close() {
        for (int i = 0; i < views.length; i++) {
            drop(i);
        }
    }
}
