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

    /** A camera: captures video, and is not a loopback device. */
    public boolean isCamera() {
        return (capabilities & V4l2.CAP_VIDEO_CAPTURE) != 0 && !isLoopback();
    }

    /** A v4l2loopback device (whichever direction it advertises right now). */
    public boolean isLoopback() {
        return driver.startsWith("v4l2 loopback") || driver.equals("v4l2loopback");
    }
}
