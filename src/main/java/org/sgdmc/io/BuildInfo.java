package org.sgdmc.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build stamped into {@code version.properties}: the version and the git commit (see the pom). */
public final class BuildInfo {
  private BuildInfo() {}

  /** The build's version, e.g. {@code 0.1.0}. */
  public static String version() {
    return property("version");
  }

  /**
   * The git commit the jar was built from ({@code +modified} when the tree differed from it), or {@code unknown}
   * when it was built without git or outside a clone.
   */
  public static String commit() {
    return property("commit");
  }

  private static String property(String name) {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/org/sgdmc/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty(name, "unknown");
      return v.isBlank() || v.startsWith("${") ? "unknown" : v; // unfiltered (an IDE's build): unknown
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
