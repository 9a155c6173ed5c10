package scrim.v4l2;

/**
 * What a video device node says about itself (VIDIOC_QUERYCAP).
 *
 * @param path   the node, e.g. /dev/video0
 * @param driver the kernel driver, e.g. uvcvideo, vivid, "v4l2 loopback"
 * @param card   the device's name
 * @param capabilities the node's capability flags (device_caps)
 */
public record DeviceInfo(String path, String driver, String card, int capabilities) {

    /**
     * A camera: captures video. A loopback device counts only while another program feeds it
     * (loaded with exclusive_caps=1 it then offers capture alone, as OBS's virtual camera does);
     * an idle one is an output.
     */
    public boolean isCamera() {
        return (capabilities & V4l2.CAP_VIDEO_CAPTURE) != 0 && (!isLoopback() || isFed());
    }

    /** A loopback device that another program writes to: it offers capture and no longer output. */
    public boolean isFed() {
        return isLoopback() && (capabilities & V4l2.CAP_VIDEO_CAPTURE) != 0 && (capabilities & V4l2.CAP_VIDEO_OUTPUT) == 0;
    }

    /** A v4l2loopback device (whichever direction it advertises right now). */
    public boolean isLoopback() {
        return driver.startsWith("v4l2 loopback") || driver.equals("v4l2loopback");
    }
}
