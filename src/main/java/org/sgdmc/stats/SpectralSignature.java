package org.sgdmc.stats;

/**
 * The spectral signature of a loss curve's first K samples {@code L_0 .. L_(K-1)} (seed 003, Sec. 3 and App. E),
 * from the seven running sums a stream keeps ({@link org.sgdmc.kernels.LossSignatureBlock}): K, {@code sum L},
 * {@code sum L^2}, and the sums and sums of squares of the first differences {@code D_t = L_t - L_(t-1)} (t = 1..K-1)
 * and of the second differences {@code E_t = D_t - D_(t-1)} (t = 2..K-1).
 *
 * <p><b>Discrete spectral moments.</b> For a sequence x of length N with DFT X_k at omega_k = 2 pi k / N,
 * Parseval gives {@code sum_t x_t^2 = (1/N) sum_k |X_k|^2}, and the circular difference has DFT {@code (1 -
 * e^(-i omega)) X_k}, {@code |1 - e^(-i omega)|^2 = 4 sin^2(omega/2) ~ omega^2}. So the seed's moments {@code m_n =
 * int omega^n |F(L)|^2} are, in discrete time, {@code m0 = sum L_t^2}, {@code m2 = sum D_t^2}, {@code m4 = sum
 * E_t^2}: exact for the spectral weights {@code (2 sin(omega/2))^n} of the circularly extended curve up to the
 * wrap-around terms (e.g. {@code (L_0 - L_(K-1))^2} in m2), which we leave out on purpose (a falling loss curve's
 * jump from its end back to its start is not an oscillation).
 *
 * <p><b>The seed's signature</b> (its definitions, named {@code seed_}): energy {@code m0 = sum L^2} (the seed
 * calls it the Hjorth activity), mobility {@code sqrt(m2/m0)}, complexity {@code sqrt(m4/m2)} (the mobility of
 * the derivative).
 *
 * <p><b>Hjorth's parameters</b> (Hjorth 1970, named {@code hjorth_}): the same with centred moments, i.e. the
 * variances {@code v0 = var(L)}, {@code v2 = var(D)}, {@code v4 = var(E)} (each over its own samples, divided by
 * its count): activity {@code v0}, mobility {@code sqrt(v2/v0)}, complexity {@code sqrt(v4 v0)/v2} (the mobility
 * of the derivative over the mobility of the signal).
 */
public record SpectralSignature(long count, double sum, double sumSquares, double diffSum, double diffSquares,
    double diff2Sum, double diff2Squares) {

  /** The features, in {@link #features()} order, as they are named in files and figures. */
  public static final String[] NAMES = {"seed_energy", "seed_mobility", "seed_complexity", "hjorth_activity",
      "hjorth_mobility", "hjorth_complexity"};

  public SpectralSignature {
    if (count < 3) {
      throw new IllegalArgumentException("a signature needs K >= 3 samples (second differences), not " + count);
    }
  }

  /** The seed's m0 = sum L^2. */
  public double seedEnergy() {
    return sumSquares;
  }

  /** sqrt(m2 / m0). */
  public double seedMobility() {
    return Math.sqrt(diffSquares / sumSquares);
  }

  /** sqrt(m4 / m2). */
  public double seedComplexity() {
    return Math.sqrt(diff2Squares / diffSquares);
  }

  /** var(L) over the K samples. */
  public double hjorthActivity() {
    return variance(sum, sumSquares, count);
  }

  /** sqrt(var(D) / var(L)). */
  public double hjorthMobility() {
    return Math.sqrt(variance(diffSum, diffSquares, count - 1) / hjorthActivity());
  }

  /** sqrt(var(E) var(L)) / var(D). */
  public double hjorthComplexity() {
    double v2 = variance(diffSum, diffSquares, count - 1);
    return Math.sqrt(variance(diff2Sum, diff2Squares, count - 2) * hjorthActivity()) / v2;
  }

  /** Every feature, in {@link #NAMES} order. */
  public double[] features() {
    return new double[] {seedEnergy(), seedMobility(), seedComplexity(), hjorthActivity(), hjorthMobility(),
        hjorthComplexity()};
  }

  /** {@code sum x^2 / m - (sum x / m)^2}, clamped at 0 against rounding. */
  private static double variance(double s, double ss, long m) {
    double mean = s / m;
    return Math.max(0, ss / m - mean * mean);
  }

  /**
   * The features of a stored curve (its first {@code k} samples), computed the direct way, for checks: the
   * differences as arrays, the variances two-pass (mean first, then the mean square deviation).
   */
  public static double[] featuresOfCurve(double[] loss, int k) {
    if (k < 3 || k > loss.length) {
      throw new IllegalArgumentException("need 3 <= K <= " + loss.length + ", not " + k);
    }
    double[] l = java.util.Arrays.copyOf(loss, k);
    double[] d = new double[k - 1];
    for (int t = 1; t < k; t++) {
      d[t - 1] = l[t] - l[t - 1];
    }
    double[] e = new double[k - 2];
    for (int t = 1; t < k - 1; t++) {
      e[t - 1] = d[t] - d[t - 1];
    }
    double m0 = squares(l), m2 = squares(d), m4 = squares(e);
    double v0 = centred(l), v2 = centred(d), v4 = centred(e);
    return new double[] {m0, Math.sqrt(m2 / m0), Math.sqrt(m4 / m2), v0, Math.sqrt(v2 / v0),
        Math.sqrt(v4 * v0) / v2};
  }

  private static double squares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  private static double centred(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / x.length;
  }
}
