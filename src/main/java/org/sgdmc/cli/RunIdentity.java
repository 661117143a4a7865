package org.sgdmc.cli;

import java.nio.charset.StandardCharsets;
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
 * run with any of them merge, and a checkpoint resumes under any of them.
 */
final class RunIdentity {
  private RunIdentity() {}

  /** Options that change no result. */
  static final Set<String> EXECUTION_ONLY = Set.of("--threads", "--block", "--progress", "--force", "-o", "--out",
      "--shard", "-h", "--help", "-V", "--version");

  /** The command's result-changing options as {@code --name=value}, sorted by name. */
  static List<String> options(CommandLine.Model.CommandSpec spec) {
    return spec.options().stream()
        .filter(o -> Arrays.stream(o.names()).noneMatch(EXECUTION_ONLY::contains))
        .sorted(Comparator.comparing(CommandLine.Model.OptionSpec::longestName))
        .map(o -> o.longestName() + "=" + text(o.getValue()))
        .toList();
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
