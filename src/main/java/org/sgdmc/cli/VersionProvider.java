package org.sgdmc.cli;

import org.sgdmc.io.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version string, filled in by the build from the pom (and git) into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The build's version, e.g. {@code 0.1.0}. */
  public static String version() {
    return BuildInfo.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "sgdmc " + version() + " (commit " + BuildInfo.commit() + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
