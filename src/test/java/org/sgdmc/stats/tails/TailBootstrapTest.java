package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bootstrap: its coverage, its agreement with resampling done the slow way, and the cluster unit. */
class TailBootstrapTest {
  private static final TailFitOptions OPTIONS = TailFitOptions.defaults().withThreads(2);

  @Test
  void ninetyFivePercentIntervalsCoverTheTruthAboutNinetyFivePercentOfTheTime() {
    // 50 independent Pareto(1.5) samples of 2e4. With exact 95% coverage the number covering is
    // Binomial(50, 0.95): P(fewer than 40) = 3.0e-5 (6e-4 even at a true coverage of 93%). In 500
    // calibration runs on other seeds the intervals covered 95.0% of the time.
    int covered = 0;
    for (int r = 0; r < 50; r++) {
      double[] x = Samples.pareto(20_000, 1.5, 5_000 + r, true);
      TailFit fit = TailFitter.fit(x, x.length, OPTIONS.withBootstrap(200, 0.95, 1_000 + r));
      covered += fit.ciLow() <= 1.5 && 1.5 <= fit.ciHigh() ? 1 : 0;
    }
    assertTrue(covered >= 40, covered + " of 50 intervals cover the truth");
  }

  @Test
  void replicatesAgreeWithResamplingAndRefittingTheSlowWay() {
    // The i.i.d. bootstrap done literally: draw n samples with replacement, sort, search the threshold,
    // fit. Its replicates and ours are two samples of the same law: means within 4 standard errors of their
    // difference (false failure 6e-5), standard deviations within a factor 1.33 (the ratio of two
    // independent sd estimates from 300 replicates each has a relative spread of about 6%, so 1.33 is
    // beyond 4.5 of it even allowing for the skewness of alpha*).
    double[] x = Samples.studentT(5_000, 3, 31);
    int replicates = 300;
    TailFitOptions options = OPTIONS.withBootstrap(replicates, 0.95, 77).withBootstrapSpan(0);
    BootstrapResult fast = TailFitter.fit(x, x.length, options).bootstrap();
    double[] slow = new double[replicates];
    SplittableRandom r = new SplittableRandom(99);
    double[] resample = new double[x.length];
    for (int b = 0; b < replicates; b++) {
      for (int i = 0; i < x.length; i++) {
        resample[i] = x[r.nextInt(x.length)];
      }
      TailSample s = TailSample.prepare(resample, resample.length, options);
      slow[b] = ThresholdScan.of(s, KGrid.geometric(options.kMin(), s.kMax(), options.gridRatio()), options.ksAcceptance())
          .choice().alpha();
    }
    double fastMean = mean(fast.alpha());
    double slowMean = mean(slow);
    double fastSd = fast.stddev();
    double slowSd = sd(slow);
    double seOfDifference = Math.sqrt((fastSd * fastSd + slowSd * slowSd) / replicates);
    assertEquals(slowMean, fastMean, 4 * seOfDifference, "means");
    assertTrue(fastSd / slowSd < 1.33 && slowSd / fastSd < 1.33, "sd " + fastSd + " vs " + slowSd);
  }

  @Test
  void correlatedRecordsOfOneTrajectoryWidenTheClusterInterval() {
    // 1000 trajectories, each recorded 20 times at the very same value (the extreme of correlation): the
    // engine's layout puts record j of trajectory m at index j * 1000 + m. The cluster bootstrap resamples
    // trajectories, so its interval has the width of a 1000-point sample's; the i.i.d. bootstrap believes
    // in 20000 points and is about sqrt(20) = 4.5 times too narrow. Required: a factor above 3.
    int trajectories = 1000;
    int records = 20;
    double[] values = Samples.pareto(trajectories, 2, 8, false);
    double[] x = new double[trajectories * records];
    for (int j = 0; j < records; j++) {
      System.arraycopy(values, 0, x, j * trajectories, trajectories);
    }
    TailFitOptions options = OPTIONS.withKRange(20 * records, 0);
    TailFit clustered = TailFitter.fit(x, trajectories, options);
    TailFit iid = TailFitter.fit(x, x.length, options);
    double ratio = (clustered.ciHigh() - clustered.ciLow()) / (iid.ciHigh() - iid.ciLow());
    assertTrue(ratio > 3, "cluster / iid interval width: " + ratio);
    assertEquals(clustered.alpha(), iid.alpha()); // same data, same point estimate
    assertEquals(0, clustered.bootstrap().failed());
  }

  @Test
  void aRestrictedSearchRangeIsReportedWhenReplicatesPressAgainstIt() {
    // span 1.05 around k^: nearly every replicate of the KS-minimum search chooses an end of its tiny range,
    // and says so
    double[] x = Samples.exponentialBulkParetoTail(20_000, 0.3, 10, 1.5, 4);
    TailFit fit = TailFitter.fit(x, x.length, OPTIONS.withKsAcceptance(0).withBootstrapSpan(1.05));
    assertTrue(fit.bootstrap().edgeHits() > 0.5 * fit.replicates(), "" + fit.bootstrap().edgeHits());
    assertTrue(!fit.trustworthy() && fit.warnings().stream().anyMatch(w -> w.contains("span 0")));
    // the default span leaves the replicates room
    TailFit roomy = TailFitter.fit(x, x.length, OPTIONS);
    assertTrue(roomy.bootstrap().edgeHits() < 0.05 * roomy.replicates(), "" + roomy.bootstrap().edgeHits());
  }

  @Test
  void percentileIsLinearBetweenOrderStatistics() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1, TailBootstrap.quantile(x, 0), 0);
    assertEquals(5, TailBootstrap.quantile(x, 1), 0);
    assertEquals(1.1, TailBootstrap.quantile(x, 0.025), 1e-15);
    assertEquals(3, TailBootstrap.quantile(x, 0.5), 0);
    assertTrue(Double.isNaN(TailBootstrap.quantile(new double[0], 0.5)));
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
