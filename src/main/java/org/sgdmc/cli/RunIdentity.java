package org.sgdmc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * What makes two runs the same run: the command and every option that can change a result, with its value as
 * parsed (defaults included, so {@code --seed 1} and no {@code --seed} are the same run). Options that change
 * only how the work is done (threads, blocking, progress, where the file goes, the shard) are left out: shards
 * run with any of them merge, and a checkpoint resumes under any of them. An input file counts by its contents.
 */
final class RunIdentity {
  private RunIdentity() {}

  /** Options that change no result. */
  static final Set<String> EXECUTION_ONLY = Set.of("--threads", "--block", "--progress", "--force", "-o", "--out",
      "--shard", "-h", "--help", "-V", "--version");

  /** Options that name an input file: the file's contents are part of the run, not only its name. */
  static final Set<String> INPUT_FILES = Set.of("--data-file", "--sigma-file");

  /**
   * The command's result-changing options as {@code --name=value}, sorted by name; an input file's value also
   * carries the SHA-256 of its contents, so a file changed between a run and its resume or merge is caught.
   */
  static List<String> options(CommandLine.Model.CommandSpec spec) {
    return spec.options().stream()
        .filter(o -> Arrays.stream(o.names()).noneMatch(EXECUTION_ONLY::contains))
        .sorted(Comparator.comparing(CommandLine.Model.OptionSpec::longestName))
        .map(o -> o.longestName() + "=" + text(o.getValue())
            + (INPUT_FILES.contains(o.longestName()) && o.getValue() != null ? digest(o.getValue().toString()) : ""))
        .toList();
  }

  /** " (sha256 HEX)" of the file an input option names (FILE or FILE.h5:/path), or "" when there is none. */
  private static String digest(String value) {
    Path file = Path.of(value);
    int colon = value.indexOf(":/");
    if (!Files.isRegularFile(file) && colon > 0) {
      file = Path.of(value.substring(0, colon));
    }
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return " (sha256 " + HexFormat.of().formatHex(sha.digest()) + ")";
    } catch (IOException | NoSuchAlgorithmException e) {
      return ""; // unreadable: the command itself says so in one line
    }
  }

  private static String text(Object value) {
    String s = Arrays.deepToString(new Object[] {value});
    return s.substring(1, s.length() - 1);
  }

  /** One line naming the run: SHA-256 of the command, the sgdmc version and {@link #options}. */
  static String fingerprint(CommandLine.Model.CommandSpec spec) {
    StringBuilder sb = new StringBuilder(spec.qualifiedName()).append('|').append(VersionProvider.version());
    options(spec).forEach(o -> sb.append('|').append(o));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return spec.qualifiedName().replace(' ', '/') + " " + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The subcommand without the program's name, e.g. {@code simulate linreg1d}. */
  static String command(CommandLine.Model.CommandSpec spec) {
    String q = spec.qualifiedName();
    int space = q.indexOf(' ');
    return space < 0 ? q : q.substring(space + 1);
  }
}
