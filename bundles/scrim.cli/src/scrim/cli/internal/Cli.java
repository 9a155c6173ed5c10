package scrim.cli.internal;

import java.io.PrintStream;

import org.osgi.service.cm.ConfigurationAdmin;

import scrim.api.Pipeline;
import scrim.api.Settings;

/** What the commands work with: the services and where to print. */
record Cli(ConfigurationAdmin configAdmin, Pipeline pipeline, Settings settings, Models models, PrintStream out, PrintStream err) {
}
