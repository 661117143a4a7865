package org.sgdmc.stats.tails;

/**
 * The tail-index interval meant to cover: the Hill estimate at the calibrated threshold of {@link
 * CalibratedThreshold}, its standard error over trajectories, and the interval, or why no interval is given.
 *
 * @param k tail points above the calibrated threshold (the grid's smallest where even that exceeds the cap)
 * @param xmin the calibrated threshold {@code y_k}
 * @param alpha the Hill estimate at k, given even where the interval is refused (then with no error bar)
 * @param stderr its standard error with the samples of one trajectory resampled together (the delta-method
 *     variance of the ratio estimator summed over trajectories; {@code alpha / sqrt(k)} for independent
 *     samples); NaN where refused
 * @param low lower end of the interval (NaN where refused)
 * @param high upper end (NaN where refused)
 * @param level the interval's level
 * @param kCap the largest k the calibration allows for this sample size at this alpha
 * @param refusal why no interval is given, one sentence; null when it is
 */
public record TailInterval(int k, double xmin, double alpha, double stderr, double low, double high, double level,
    int kCap, String refusal) {

  /** Whether an interval is given. */
  public boolean given() {
    return refusal == null;
  }

  /** Whether a given interval contains {@code value} (false where refused). */
  public boolean contains(double value) {
    return given() && low <= value && value <= high;
  }
}
