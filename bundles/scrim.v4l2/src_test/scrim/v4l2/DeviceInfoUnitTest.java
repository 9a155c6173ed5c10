package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceInfoUnitTest {

    private static DeviceInfo loopback(int caps) {
        return new DeviceInfo("/dev/video11", "v4l2 loopback", "MJPEG-camera", caps);
    }

    @Test
    void aLoopbackDeviceIsACameraOnlyWhileAnotherProgramFeedsIt() {
        assertTrue(loopback(V4l2.CAP_VIDEO_CAPTURE).isCamera(), "fed (exclusive_caps=1: capture alone), like OBS's virtual camera");
        assertFalse(loopback(V4l2.CAP_VIDEO_OUTPUT).isCamera(), "idle: an output");
        assertFalse(loopback(V4l2.CAP_VIDEO_CAPTURE | V4l2.CAP_VIDEO_OUTPUT).isCamera(), "without exclusive_caps nobody can tell");
        assertTrue(loopback(V4l2.CAP_VIDEO_OUTPUT).isLoopback());
        assertTrue(new DeviceInfo("/dev/video0", "uvcvideo", "Camera", V4l2.CAP_VIDEO_CAPTURE).isCamera());
    }
}
