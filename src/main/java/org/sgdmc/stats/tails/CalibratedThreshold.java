package org.sgdmc.stats.tails;

/**
 * The threshold and interval that cover the true index on Kesten laws, or the refusal to give one.
 *
 * <p>Why a calibration. The stationary laws of SGD have Kesten tails, a power law only asymptotically, and the
 * Hill estimate drifts below the true alpha as k grows; the drift sets in at a smaller fraction of the sample
 * the larger alpha is (measured on {@code Linreg1dTails}, S = 1, Gaussian stream: at k/n = 0.4% the mean Hill
 * estimate is 2.91 for alpha = 2.90 but 4.11 for 4.45 and 4.37 for 5.31), and at large alpha the Hill plot is
 * flat at a wrong value over a decade of k (4.4 for 5.31 between k/n = 0.4% and 3%). No test on the Hill
 * plot can see a bias that flat (a nested trend test, second-order extrapolation at fixed rho, and the
 * minimum-variance reduced-bias Hill estimator of Caeiro, Gomes and Pestana 2005 with rho and beta estimated at
 * k1 = n^0.995 were tried on these laws: the first two did not cover, and the third's rho, about -0.7, is set by
 * the bulk and left a bias of 0.2-0.5 at alpha >= 3.8), so the threshold is capped by a rule measured on the Kesten laws
 * themselves: at most {@link #cap} tail points, {@code K(alpha) sqrt(n / 2^20)} with {@code log2 K(alpha) =}
 * {@link #LOG2_K_AT_ZERO} {@code -} {@link #LOG2_K_PER_ALPHA} {@code alpha}. The square root is the
 * bias-variance balance of a Hill bias that grows about like (k/n)^0.5: keeping the bias a fixed fraction of
 * the standard error {@code alpha / sqrt(k)} needs k to grow like n^0.5.
 *
 * <p>The rule: the largest grid k at or below the KS choice with {@code k <= cap(n, alpha_Hill(k) e^(2/sqrt k))}:
 * alpha read at k itself, so that the downward-biased estimate at a larger k cannot buy a larger cap, and
 * raised by two relative standard errors to an upper confidence bound, so that a run whose estimate is low by
 * chance cannot either: whenever the bound is above the true alpha, the k chosen is within the true alpha's
 * cap. (With the estimate itself, or raised by one standard error, the intervals given at alpha = 3.8 and 4.45
 * on 2^16 samples were those of the low runs, and 7 of 10 and 0 of 2 covered.) Where that leaves fewer than
 * {@link #MIN_POINTS} points, the sample is too small for an honest interval at this alpha, and none is given: the estimate would rest on so few extremes that its error is not normal, and the calibration's bias
 * bound was not measured there.
 *
 * <p>The error: samples of one trajectory are correlated (several records per trajectory, and a large value
 * stays large for a few relaxation times), so the standard error sums the ratio estimator's influence over
 * trajectories: {@code alpha = k / S} with {@code S} the sum of log-excesses, and {@code var alpha =
 * sum_c (k_c - alpha S_c)^2 / S^2}, k_c and S_c the count and log-excess sum of trajectory c above the
 * threshold (for independent samples this is {@code alpha^2 / k} to first order). The interval is normal on
 * the log scale, centred at {@code ln alpha - 1/(2k)} (for a pure Pareto tail {@code alpha_Hill / alpha =
 * k / Gamma(k, 1)}, whose logarithm has mean {@code 1/(2k)} and variance about {@code 1/k}).
 */
public final class CalibratedThreshold {
  /** The sample size at which {@code K(alpha)} is stated. */
  static final double REFERENCE_SAMPLES = 1 << 20;
  /** {@code log2 K(alpha)} at alpha = 0 (see the class comment; its coverage is tested by TailIntervalCoverageIT). */
  public static final double LOG2_K_AT_ZERO = 14.0;
  /** How fast {@code log2 K(alpha)} falls with alpha. */
  public static final double LOG2_K_PER_ALPHA = 1.5;
  /** Fewer tail points than this at the calibrated threshold: no interval. */
  public static final int MIN_POINTS = 64;

  private CalibratedThreshold() {}

  /** The most tail points the calibration allows among {@code n} samples at index {@code alpha}. */
  public static int cap(long n, double alpha) {
    double k = Math.pow(2, LOG2_K_AT_ZERO - LOG2_K_PER_ALPHA * alpha) * Math.sqrt(n / REFERENCE_SAMPLES);
    return (int) Math.min(Integer.MAX_VALUE, Math.floor(k));
  }

  /**
   * The calibrated threshold on {@code scan}'s grid at or below its chosen k, with its interval at {@code level},
   * or the refusal to give one.
   */
  public static TailInterval of(TailSample sample, ThresholdScan scan, double level) {
    long n = sample.finite();
    int chosen = -1;
    for (int g = scan.chosen(); g >= 0; g--) {
      double a = scan.alpha()[g];
      if (!Double.isNaN(a) && scan.k()[g] <= cap(n, cautious(a, scan.k()[g]))) {
        chosen = g;
        break;
      }
    }
    // where even the grid's smallest k exceeds the cap, the estimate is read there: the least biased available
    chosen = Math.max(chosen, 0);
    int k = scan.k()[chosen];
    double alpha = scan.alpha()[chosen];
    int kCap = Double.isNaN(alpha) ? 0 : cap(n, cautious(alpha, k));
    if (k < MIN_POINTS || k > kCap) {
      String few = k > kCap ? String.format("the calibration allows only %d tail points among %d samples", kCap, n)
          : String.format("the threshold leaves only %d tail points among %d samples", k, n);
      String why = String.format("no interval: at alpha about %.3g %s, and an honest interval needs %d (the"
          + " bias-free tail of a Kesten law grows only like sqrt(n)): give about %s samples", alpha, few, MIN_POINTS,
          Double.isNaN(alpha) ? "more" : String.format("%.2g", samplesFor(alpha)));
      return new TailInterval(k, scan.xmin()[chosen], alpha, Double.NaN, Double.NaN, Double.NaN, level, kCap, why);
    }
    double stderr = clusteredStderr(sample, k, alpha);
    double z = NormalQuantile.of((1 + level) / 2);
    double centre = Math.log(alpha) - 0.5 / k;
    double half = z * stderr / alpha;
    return new TailInterval(k, scan.xmin()[chosen], alpha, stderr, Math.exp(centre - half), Math.exp(centre + half),
        level, kCap, null);
  }

  /** The index the cap is read at: the estimate at k raised by two relative standard errors. */
  static double cautious(double alpha, int k) {
    return alpha * Math.exp(2 / Math.sqrt(k));
  }

  /** The sample size at which the cap reaches {@link #MIN_POINTS} for index {@code alpha}. */
  public static double samplesFor(double alpha) {
    double k = Math.pow(2, LOG2_K_AT_ZERO - LOG2_K_PER_ALPHA * cautious(alpha, MIN_POINTS));
    double ratio = MIN_POINTS / k;
    return REFERENCE_SAMPLES * ratio * ratio;
  }

  /**
   * The standard error of the Hill estimate {@code alpha} at k with the samples of one cluster (trajectory)
   * taken together: the delta-method variance of {@code k / S} summed over clusters.
   */
  static double clusteredStderr(TailSample sample, int k, double alpha) {
    double[] l = sample.logs();
    int[] slots = sample.slots();
    double excessSum = 0;
    for (int i = 0; i < k; i++) {
      excessSum += l[i] - l[k];
    }
    double sum = 0;
    if (slots == null) {
      for (int i = 0; i < k; i++) {
        double d = 1 - alpha * (l[i] - l[k]);
        sum += d * d;
      }
    } else {
      // slots are numbered in order of first appearance from the top, so the top k points use slots below k
      double[] influence = new double[k];
      for (int i = 0; i < k; i++) {
        influence[slots[i]] += 1 - alpha * (l[i] - l[k]);
      }
      for (double d : influence) {
        sum += d * d;
      }
    }
    return Math.sqrt(sum) / excessSum;
  }
}
