package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README, verbatim: every {@code ```sh} block runs as written, in order, in a copy of the project (scripts/,
 * data/ and the built jar), as a user would paste it into a shell on a fresh clone. Only sizes are scaled down,
 * by rewriting the commands' own options (never through the CLI): {@code --trajectories} and {@code --steps} are
 * capped (and added to run commands that rely on the defaults), and an axis {@code START:STOP:COUNT} gets at
 * most {@value #MAX_AXIS_POINTS} points. Nothing a block writes may collide with what an earlier block wrote, and
 * no tracked file (data/figures/...) may change. {@code scripts/test} is the one line not run: it is this suite.
 */
class ReadmeCommandsIT {
  @TempDir Path dir;

  static final int MAX_TRAJECTORIES = 64;
  /** A tail fit needs samples above its threshold: 1024 trajectories x 8 observations. */
  static final int MAX_TAILS_TRAJECTORIES = 1024;
  static final int MAX_STEPS = 20;
  /** {@code sde covariance}: minibatches per batch size and scheme. */
  static final int MAX_REPLICATES = 2000;
  static final int MAX_AXIS_POINTS = 6;

  private static final Pattern RUN = Pattern.compile("^\\s*scripts/sgdmc (simulate|sweep|tails|scan|demo|sde)\\b.*");
  private static final Pattern AXIS = Pattern.compile("(\\s--[a-z-]+\\s+(?:log:)?-?[0-9.]+:-?[0-9.]+:)(\\d+)");
  private static final Pattern OUTPUT = Pattern.compile("(?:\\s-o|\\s--out)\\s+(\\S+)");

  @Test
  void everyCommandBlockOfTheReadmeRunsAsWrittenInOrder() throws Exception {
    List<String> blocks = shellBlocks(Files.readString(Launcher.PROJECT.resolve("README.md")));
    assertTrue(blocks.size() >= 10, "README command blocks found: " + blocks.size());
    copyProject();
    Map<String, String> tracked = digests(dir.resolve("data"));
    Set<String> written = new HashSet<>();
    for (String block : blocks) {
      for (String out : outputs(block)) {
        assertTrue(written.add(out), "two README commands write " + out + ":\n" + block);
      }
      String script = scaled(block);
      Launcher.Run r = Launcher.exec(dir, List.of("bash", "-e", "-o", "pipefail", "-c", script));
      assertEquals(0, r.exitCode(), "README block failed:\n" + block + "\nran as:\n" + script + "\nstderr:\n"
          + r.stderr() + "\nstdout (end):\n" + tail(r.stdout()));
      assertFalse(r.stderr().contains("Traceback") || r.stderr().contains("Exception"), r.stderr());
    }
    for (String out : written) {
      assertTrue(Files.exists(dir.resolve(out.replace("$n", "3"))), "README promises " + out);
    }
    assertEquals(tracked, digests(dir.resolve("data")), "a README command changed a tracked file under data/");
  }

  /** The ```sh blocks, continuation lines joined; every fenced block must be sh or text, so none is skipped. */
  static List<String> shellBlocks(String readme) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean shell = false;
    for (String line : readme.split("\n", -1)) {
      if (line.startsWith("```")) {
        if (block == null) {
          String tag = line.substring(3).strip();
          assertTrue(tag.equals("sh") || tag.equals("text"),
              "README code blocks are ```sh (run by this test) or ```text (output), not ```" + tag);
          shell = tag.equals("sh");
          block = new StringBuilder();
        } else {
          if (shell) {
            blocks.add(block.toString().replace("\\\n", " "));
          }
          block = null;
        }
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** The block with its sizes scaled down and {@code scripts/test} left out. */
  static String scaled(String block) {
    StringBuilder sb = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.strip().startsWith("scripts/test")) {
        sb.append(": scripts/test is this suite\n");
        continue;
      }
      if (!RUN.matcher(line).matches() || line.contains("--help")) {
        sb.append(line).append('\n');
        continue;
      }
      String cmd = line.replaceFirst("\\s+#.*$", "");
      if (cmd.contains("scripts/sgdmc sde covariance")) { // no trajectories: minibatches per batch size
        sb.append(cap(cmd, "--replicates", MAX_REPLICATES)).append('\n');
        continue;
      }
      boolean tails = cmd.contains("scripts/sgdmc sde stationary") || cmd.contains("scripts/sgdmc tails") || cmd.contains("sweep tails-");
      // a shard needs a group of 64 trajectories of its own: K shards keep at least 64 K
      cmd = cap(cmd, "--trajectories", tails ? MAX_TAILS_TRAJECTORIES
          : cmd.contains("--shard") ? 4 * MAX_TRAJECTORIES : MAX_TRAJECTORIES);
      if (!tails) {
        cmd = cap(cmd, "--steps", MAX_STEPS);
      }
      if (cmd.contains("sweep grok-signature")) { // the signature's window must stay below the capped budget
        cmd = cap(cmd, "--window", 5);
      }
      Matcher m = AXIS.matcher(cmd);
      StringBuilder axes = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(axes, Matcher.quoteReplacement(
            m.group(1) + Math.min(Integer.parseInt(m.group(2)), MAX_AXIS_POINTS)));
      }
      m.appendTail(axes);
      sb.append(axes).append('\n');
    }
    return sb.toString();
  }

  /** {@code option N} lowered to at most {@code max}, or added when the command relies on the default. */
  private static String cap(String cmd, String option, int max) {
    Matcher m = Pattern.compile("(\\s" + option + "\\s+)(\\d+)").matcher(cmd);
    if (m.find()) {
      long n = Long.parseLong(m.group(2));
      return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + Math.min(n, max)));
    }
    return cmd + " " + option + " " + max;
  }

  private static List<String> outputs(String block) {
    List<String> out = new ArrayList<>();
    Matcher m = OUTPUT.matcher(block);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** scripts/, data/ and the jar the launcher runs: what a fresh clone has once built. */
  private void copyProject() throws IOException {
    for (String sub : List.of("scripts", "data")) {
      Path from = Launcher.PROJECT.resolve(sub);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path p : files.toList()) {
          Path to = dir.resolve(sub).resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else if (!p.getFileName().toString().endsWith(".pyc")) {
            Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    }
    Path jar = Launcher.PROJECT.resolve("target/sgdmc.jar");
    assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
    Files.createDirectories(dir.resolve("target"));
    Files.copy(jar, dir.resolve("target/sgdmc.jar"));
  }

  private static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  private static String tail(String s) {
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
