/** V4L2 devices through JNA: ioctls, memory-mapped streaming, discovery, and the setup doctor. */
@org.osgi.annotation.versioning.Version("1.2.0")
package scrim.v4l2;
