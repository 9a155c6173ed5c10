/** Frame pools and YUYV pixel operations (conversion, mirroring, compositing, fitting) shared by Scrim and its plugins. */
@org.osgi.annotation.versioning.Version("1.2.0")
package scrim.pixels;
