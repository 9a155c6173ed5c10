/** Frame pools and YUYV pixel operations (conversion to I420, mirroring, compositing, fitting) shared by Scrim and its plugins. */
@org.osgi.annotation.versioning.Version("1.3.0")
package scrim.pixels;
