/** The contracts between Scrim and its plugins: frames, formats, inputs, models, effects, outputs and the pipeline. */
@org.osgi.annotation.versioning.Version("1.3.0")
package scrim.api;
