package org.sgdmc.cli;

/**
 * The grokking commands' {@code --dataset fixed|per-trajectory}: one dataset for the whole run, or one drawn per
 * trajectory from (data seed, trajectory). One place for the words and their one-line refusals, which every grok
 * mixin shares.
 */
final class DatasetMode {
  private DatasetMode() {}

  /** Whether {@code value} asks for a dataset per trajectory; a value that is neither mode is refused in one line. */
  static boolean perTrajectory(String value) {
    return switch (value) {
      case "fixed" -> false;
      case "per-trajectory" -> true;
      default -> throw new UserError("--dataset: fixed or per-trajectory, not '" + value + "'");
    };
  }

  /** Refuses {@code --dataset per-trajectory} in one line where {@code command} does not have it. */
  static void onlyFixed(String value, String command) {
    if (perTrajectory(value)) {
      throw new UserError("--dataset per-trajectory: " + command + " runs on one fixed dataset only");
    }
  }
}
