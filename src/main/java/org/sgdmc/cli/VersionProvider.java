package org.sgdmc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version string, filled in by the build from the pom into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The build's version, e.g. {@code 0.1.0}. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/org/sgdmc/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "sgdmc " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
