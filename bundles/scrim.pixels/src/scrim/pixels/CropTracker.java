package scrim.pixels;

/**
 * Where the person is, frame after frame, so the model can look at the crop around them
 * (where its fixed input holds more of the person's pixels) instead of the whole frame.
 * Plain arithmetic in frame pixels; {@link CropPass} does the pixel work.
 *
 * <p>The box grows at once when the person does (a raised arm is never cut off) and shrinks
 * slowly (a jittering box would make the mask jitter). The whole frame is looked at again
 * every {@code interval} frames, when nobody was found, and when the person reaches the
 * crop's edge (a big move): so someone entering the picture, or a person who left the crop,
 * is found within a few frames. A still picture is one {@link #reset} and two passes: the
 * whole frame finds the person, the crop refines them; so is each scheduled whole-frame look
 * on video (its mask is the crop's, like its neighbours'). A whole-frame look forced by a
 * person lost or at the crop's edge uses the whole frame's answer for that frame: a model
 * unsure of what it sees (measured on the synthetic test scene) then costs one run per frame,
 * never two.
 */
public final class CropTracker {

    /**
     * Fraction of the box's size added on each side: room for motion and the model's context.
     * Measured on the test portraits (mean IoU / Boundary IoU, answers at half size): 0.08 0.843/0.640, 0.15
     * 0.856/0.647, 0.2 0.864/0.648, 0.25 0.866/0.646, 0.3 0.853/0.636, 0.5 0.841/0.626.
     */
    public static final double DEFAULT_MARGIN = 0.2;
    /** Frames between whole-frame passes on video (half a second at 30 fps). */
    public static final int DEFAULT_INTERVAL = 15;
    /** A person this close to the crop's edge (fraction of the crop's size) may be leaving it. */
    static final double EDGE = 0.02;
    /** How far a box that shrank moves toward its new size per frame. */
    static final double SHRINK = 0.25;

    private double margin = DEFAULT_MARGIN;
    private int interval = DEFAULT_INTERVAL;
    private boolean have;
    private double x0;
    private double y0;
    private double x1;
    private double y1;
    private int sinceWhole;
    /** The crop lost the person (nobody found, or at its edge): the next whole-frame look is forced. */
    private boolean lost;
    private final int[] crop = new int[4];

    /** Takes new settings (between two frames). */
    public void configure(double margin, int interval) {
        this.margin = margin;
        this.interval = Math.max(1, interval);
    }

    /** Forgets the person: the next frame is looked at whole (a new stream, a new picture). */
    public void reset() {
        have = false;
        lost = false;
    }

    /** Whether the next frame needs a whole-frame pass before its crop pass. */
    public boolean wantsWhole() {
        return !have || sinceWhole >= interval;
    }

    /**
     * After a whole-frame pass that found the person: whether the crop pass follows in the same
     * frame (a scheduled look, a new picture) or the whole frame's answer is used (a forced look).
     */
    public boolean cropAfterWhole() {
        boolean crop = !lost;
        lost = false;
        return crop;
    }

    /**
     * The crop for the current box: the box with the margin on every side, inside the frame,
     * with an even left edge and width (whole YUYV pairs). Valid after a person was seen.
     *
     * @return {x, y, width, height} in frame pixels (an array owned by the tracker)
     */
    public int[] crop(int frameWidth, int frameHeight) {
        around(x0, y0, x1, y1, margin, frameWidth, frameHeight, crop);
        return crop;
    }

    /** The box with a margin, clamped to the frame and aligned to YUYV pairs, into {@code rect} ({x, y, w, h}). */
    static void around(double bx0, double by0, double bx1, double by1, double margin, int frameWidth, int frameHeight, int[] rect) {
        double mx = (bx1 - bx0) * margin;
        double my = (by1 - by0) * margin;
        int left = Math.max(0, (int) Math.floor(bx0 - mx)) & ~1;
        int top = Math.max(0, (int) Math.floor(by0 - my));
        int right = Math.min(frameWidth, (int) Math.ceil(bx1 + mx));
        int bottom = Math.min(frameHeight, (int) Math.ceil(by1 + my));
        int w = Math.max(2, right - left);
        w += w & 1;
        if (left + w > frameWidth) {
            left = Math.max(0, frameWidth - w) & ~1;
            w = Math.min(w, frameWidth - left) & ~1;
        }
        rect[0] = left;
        rect[1] = Math.min(top, frameHeight - 1);
        rect[2] = Math.max(2, w);
        rect[3] = Math.max(1, bottom - rect[1]);
    }

    /** A whole-frame pass found the person in this box (frame pixels), or nobody ({@code found} false). */
    public void seenWhole(boolean found, double bx0, double by0, double bx1, double by1) {
        sinceWhole = 0;
        have = found;
        if (found) {
            x0 = bx0;
            y0 = by0;
            x1 = bx1;
            y1 = by1;
        }
    }

    /**
     * A crop pass on {@code rect} (as returned by {@link #crop}) found the person in this box,
     * or nobody. A box at the crop's edge where the crop does not end at the frame's edge
     * means the person may go on outside it: the next frame is looked at whole.
     */
    public void seenInCrop(boolean found, double bx0, double by0, double bx1, double by1, int[] rect, int frameWidth, int frameHeight) {
        sinceWhole++;
        if (!found) {
            have = false;
            lost = true;
            return;
        }
        double ex = EDGE * rect[2];
        double ey = EDGE * rect[3];
        boolean atEdge = rect[0] > 0 && bx0 <= rect[0] + ex
                || rect[1] > 0 && by0 <= rect[1] + ey
                || rect[0] + rect[2] < frameWidth && bx1 >= rect[0] + rect[2] - ex
                || rect[1] + rect[3] < frameHeight && by1 >= rect[1] + rect[3] - ey;
        if (atEdge) {
            sinceWhole = interval;
            lost = true;
        }
        x0 = bx0 < x0 ? bx0 : x0 + SHRINK * (bx0 - x0);
        y0 = by0 < y0 ? by0 : y0 + SHRINK * (by0 - y0);
        x1 = bx1 > x1 ? bx1 : x1 + SHRINK * (bx1 - x1);
        y1 = by1 > y1 ? by1 : y1 + SHRINK * (by1 - y1);
    }
}
