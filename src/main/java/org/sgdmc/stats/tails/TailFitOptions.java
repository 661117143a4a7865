package org.sgdmc.stats.tails;

/**
 * Everything a tail fit can be told; {@link #defaults()} is what the CLI uses unless asked otherwise.
 *
 * @param side which tail: |x| (default), the positive or the negative part
 * @param kMin smallest number of tail points a threshold may leave (default 50): below that the KS distance
 *     rewards noise, and the Hill estimate's relative error (1/sqrt(k)) is above 14%
 * @param kMax largest number of tail points; 0 means half the finite samples (the default). Capped at the
 *     number of positive samples minus one (the threshold itself must be positive)
 * @param gridRatio ratio of consecutive candidate k (default 1.02, i.e. 116 candidates per decade of k): the
 *     KS distance changes by O(1/sqrt(k)) between candidates this close, below its own noise, so a finer
 *     grid only moves the choice within the statistical error
 * @param replicates bootstrap replicates (default 200; 0: no bootstrap, the interval is NaN)
 * @param ciLevel level of the percentile interval (default 0.95)
 * @param seed seed of the bootstrap's Philox draws (default {@link #DEFAULT_SEED}); the result depends only
 *     on it and the data, never on the thread count
 * @param bootstrapSpan a replicate searches k in {@code [k^/span, k^ span]} (clipped to {@code [kMin, kMax]})
 *     around the fit's own choice k^ (default 8: the replicates' choices spread far less, see {@link
 *     TailBootstrap}); 0 means the whole grid
 * @param threads threads for the bootstrap replicates (default: available processors)
 * @param ccdfPointsPerDecade points per decade of x of the log-binned survival function (default 20)
 * @param minTrustedK below this many tail points the fit is flagged as not trustworthy (default 200)
 * @param ksAcceptance the threshold rule (default {@link #DEFAULT_KS_ACCEPTANCE}): with c &gt; 0 the chosen k
 *     is the largest at which the Pareto fit passes the KS test {@code sqrt(k) D <= c}, falling back to the
 *     KS minimum where no k passes; with 0 it is the KS minimum itself (Clauset, Shalizi, Newman 2009). The
 *     KS minimum suits an exact power law, but on 10^6 samples of a Kesten law, whose tail is a power law
 *     only asymptotically, it settles where D is smallest in absolute terms: at large k, deep in the
 *     pre-asymptotic region, where the Hill estimate is biased by many standard errors (measured: 2.60 against
 *     the theory's 2.904 at lr = 0.5, S = 1). Asking the fit to pass the test keeps the threshold where
 *     the power law is statistically indistinguishable from the data
 */
public record TailFitOptions(
    TailSide side,
    int kMin,
    int kMax,
    double gridRatio,
    int replicates,
    double ciLevel,
    long seed,
    double bootstrapSpan,
    int threads,
    int ccdfPointsPerDecade,
    int minTrustedK,
    double ksAcceptance) {

  /** The bootstrap seed unless one is given: any fixed number (the bytes of "tail", twice). */
  public static final long DEFAULT_SEED = 0x7461_696C_7461_696CL;
  /**
   * The default KS acceptance {@code sqrt(k) D <= 0.8}: stricter than the 15% critical value 0.926 of the KS
   * test with an estimated scale (Stephens 1974, exponential case, which is the Pareto case in logs), so that a
   * pre-asymptotic bend is caught before the Hill bias exceeds its standard error (see bench/RESULTS.md for
   * the coverage this gives on Kesten laws).
   */
  public static final double DEFAULT_KS_ACCEPTANCE = 0.8;

  /**
   * The fewest samples a fit with these options can work with, when every sample is finite and positive: kMin + 1
   * (the threshold sits above kMin points), and with the default kMax (half the samples) twice kMin. Known before
   * a run, so a run too small to be fitted is refused before it simulates anything.
   */
  public long fewestSamples() {
    return kMax == 0 ? 2L * kMin : kMin + 1L;
  }

  public TailFitOptions {
    if (side == null) {
      throw new IllegalArgumentException("the tail side must be given");
    }
    if (kMin < 2) {
      throw new IllegalArgumentException("kMin must be at least 2: " + kMin);
    }
    if (kMax < 0) {
      throw new IllegalArgumentException("kMax must be >= 0 (0: half the sample): " + kMax);
    }
    if (kMax != 0 && kMax < kMin) {
      throw new IllegalArgumentException("kMax " + kMax + " is below kMin " + kMin);
    }
    if (!(gridRatio > 1.0 && gridRatio <= 2.0)) {
      throw new IllegalArgumentException("the grid ratio must lie in (1, 2]: " + gridRatio);
    }
    if (replicates < 0) {
      throw new IllegalArgumentException("replicates must be >= 0: " + replicates);
    }
    if (!(ciLevel > 0 && ciLevel < 1)) {
      throw new IllegalArgumentException("the interval level must lie in (0, 1): " + ciLevel);
    }
    if (!(bootstrapSpan == 0 || bootstrapSpan >= 1)) {
      throw new IllegalArgumentException("the bootstrap span must be 0 (whole grid) or >= 1: " + bootstrapSpan);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (ccdfPointsPerDecade < 1) {
      throw new IllegalArgumentException("ccdf points per decade must be >= 1: " + ccdfPointsPerDecade);
    }
    if (!(ksAcceptance >= 0) || !Double.isFinite(ksAcceptance)) {
      throw new IllegalArgumentException("the KS acceptance must be a finite number >= 0: " + ksAcceptance);
    }
    if (minTrustedK < 0) {
      throw new IllegalArgumentException("minTrustedK must be >= 0: " + minTrustedK);
    }
  }

  /** The defaults listed above. */
  public static TailFitOptions defaults() {
    return new TailFitOptions(TailSide.ABSOLUTE, 50, 0, 1.02, 200, 0.95, DEFAULT_SEED, 8.0,
        Runtime.getRuntime().availableProcessors(), 20, 200, DEFAULT_KS_ACCEPTANCE);
  }

  public TailFitOptions withSide(TailSide v) {
    return new TailFitOptions(v, kMin, kMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, threads,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withKRange(int newKMin, int newKMax) {
    return new TailFitOptions(side, newKMin, newKMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, threads,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withGridRatio(double v) {
    return new TailFitOptions(side, kMin, kMax, v, replicates, ciLevel, seed, bootstrapSpan, threads,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withBootstrap(int newReplicates, double newLevel, long newSeed) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, newReplicates, newLevel, newSeed, bootstrapSpan, threads,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withBootstrapSpan(double v) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, replicates, ciLevel, seed, v, threads,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withThreads(int v) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, v,
        ccdfPointsPerDecade, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withCcdfPointsPerDecade(int v) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, threads,
        v, minTrustedK, ksAcceptance);
  }

  public TailFitOptions withMinTrustedK(int v) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, threads,
        ccdfPointsPerDecade, v, ksAcceptance);
  }

  public TailFitOptions withKsAcceptance(double v) {
    return new TailFitOptions(side, kMin, kMax, gridRatio, replicates, ciLevel, seed, bootstrapSpan, threads,
        ccdfPointsPerDecade, minTrustedK, v);
  }
}
