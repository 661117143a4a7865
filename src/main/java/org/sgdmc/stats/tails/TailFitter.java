package org.sgdmc.stats.tails;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the power-law tail of a large sample: Hill estimator, threshold by the KS criterion of Clauset,
 * Shalizi and Newman (2009), cluster-bootstrap interval, the moment estimator as a second opinion, and the
 * survival function for plotting.
 *
 * <p>The steps are public on their own so that each can be timed or reused: {@link TailSample#prepare} (the
 * one sort, O(n)), {@link KGrid#geometric}, {@link ThresholdScan#of} (the search, O(grid sqrt(kMax))),
 * {@link TailBootstrap#run} (O(replicates kMax) at worst), {@link Ccdf#of}.
 */
public final class TailFitter {
  /** Hill and moment estimates further apart than this many standard errors draw a warning. */
  static final double DISAGREEMENT_SIGMAS = 4;
  /** A larger fraction of replicates at a restricted end of their range draws a warning. */
  static final double EDGE_FRACTION = 0.1;

  private TailFitter() {}

  /**
   * Fits the tail of {@code samples} (not modified).
   *
   * @param clusters the number of independent trajectories the samples come from, sample i belonging to
   *     trajectory {@code i % clusters} (the engine's row-major K times x M layout: pass M); pass
   *     {@code samples.length} for independent samples
   * @throws IllegalArgumentException for NaN samples, clusters out of [1, n], or fewer than kMin + 1
   *     positive finite magnitudes
   */
  public static TailFit fit(double[] samples, int clusters, TailFitOptions options) {
    TailSample sample = TailSample.prepare(samples, clusters, options);
    return fit(sample, options);
  }

  /** Fits a prepared sample. */
  public static TailFit fit(TailSample sample, TailFitOptions options) {
    int[] grid = KGrid.geometric(options.kMin(), sample.kMax(), options.gridRatio());
    ThresholdScan scan = ThresholdScan.of(sample, grid, options.ksAcceptance());
    ThresholdChoice choice = scan.choice();
    BootstrapResult boot = options.replicates() > 0 ? TailBootstrap.run(sample, grid, choice, options) : null;
    Ccdf ccdf = Ccdf.of(sample, options.ccdfPointsPerDecade());
    double gamma = scan.momentGamma()[scan.chosen()];
    double momentAlpha = MomentEstimator.alpha(gamma);
    double momentStderr = MomentEstimator.alphaStderr(gamma, choice.k());
    TailInterval interval = CalibratedThreshold.of(sample, scan, options.ciLevel());
    List<String> warnings = new ArrayList<>();
    boolean trustworthy = judge(choice, momentAlpha, momentStderr, boot, options, warnings);
    return new TailFit(sample.n(), sample.finite(), sample.diverged(), options.side(), choice.alpha(),
        choice.alphaStderr(), choice.k(), choice.xmin(), choice.ks(),
        boot == null ? Double.NaN : boot.low(), boot == null ? Double.NaN : boot.high(), options.ciLevel(),
        boot == null ? 0 : boot.replicates(), gamma, momentAlpha, momentStderr, scan, boot, ccdf, interval,
        trustworthy, List.copyOf(warnings));
  }

  private static boolean judge(ThresholdChoice choice, double momentAlpha, double momentStderr,
      BootstrapResult boot, TailFitOptions options, List<String> warnings) {
    boolean trustworthy = true;
    if (choice.k() < options.minTrustedK()) {
      warnings.add(String.format("only %d points above the threshold (fewer than %d): alpha rests on too few"
          + " extremes", choice.k(), options.minTrustedK()));
      trustworthy = false;
    }
    double combined = Math.hypot(choice.alphaStderr(), momentStderr);
    if (!(Math.abs(momentAlpha - choice.alpha()) <= DISAGREEMENT_SIGMAS * combined)) {
      warnings.add(String.format("the moment estimator gives alpha = %.4g, Hill %.4g: more than %.0f standard"
              + " errors apart, so the law above xmin is probably not a pure power law", momentAlpha,
          choice.alpha(), DISAGREEMENT_SIGMAS));
      trustworthy = false;
    }
    if (boot != null && boot.failed() > 0) {
      warnings.add(String.format("%d of %d bootstrap replicates had no usable tail (too few clusters?)",
          boot.failed(), boot.replicates()));
      trustworthy = false;
    }
    if (boot != null && boot.edgeHits() > EDGE_FRACTION * boot.replicates()) {
      warnings.add(String.format("%d of %d bootstrap replicates chose a k at a restricted end of [%d, %d]: the"
          + " interval may be too short; rerun with bootstrap span 0", boot.edgeHits(), boot.replicates(),
          boot.kLow(), boot.kHigh()));
      trustworthy = false;
    }
    return trustworthy;
  }
}
