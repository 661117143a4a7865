package org.sgdmc.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The area under the ROC curve of a score that should rank positives above negatives, in its exact Mann-Whitney
 * form: {@code AUROC = P(s+ > s-) + P(s+ = s-)/2} over all (positive, negative) pairs, computed with midranks as
 * {@code (R+ - n+ (n+ + 1)/2) / (n+ n-)}, R+ the sum of the positives' midranks: ties count one half. 0.5 is no
 * information, 1 a perfect ranking, 0 a perfect ranking the other way round (a score that predicts by being low).
 * NaN scores are left out.
 *
 * <p>The interval is the percentile bootstrap over items (resampled with replacement, positives and negatives
 * together, so the class counts vary as they would in a new sample); replicates with an empty class are redrawn.
 * Under no information (scores independent of labels, no ties) the AUROC has mean 1/2 and standard deviation
 * {@link #nullStderr} {@code = sqrt((n+ + n- + 1) / (12 n+ n-))}, the Mann-Whitney U's, exactly.
 */
public final class Auroc {
  private final double[] scores; // finite-or-inf scores, ascending
  private final boolean[] positive; // their labels, in the same order
  private final int[] group; // group[k]: index of the tie group of item k (ascending scores)
  private final int groups;
  private final long positives;
  private final long negatives;

  private Auroc(double[] scores, boolean[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
    }
    int m = 0;
    for (double s : scores) {
      if (!Double.isNaN(s)) {
        m++;
      }
    }
    // sort the kept items by score, carrying the label: encode (score, original index) through an index sort
    Integer[] order = new Integer[m];
    for (int i = 0, k = 0; i < scores.length; i++) {
      if (!Double.isNaN(scores[i])) {
        order[k++] = i;
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    this.scores = new double[m];
    this.positive = new boolean[m];
    this.group = new int[m];
    long p = 0;
    int g = -1;
    for (int k = 0; k < m; k++) {
      this.scores[k] = scores[order[k]];
      this.positive[k] = labels[order[k]];
      if (k == 0 || this.scores[k] != this.scores[k - 1]) {
        g++;
      }
      group[k] = g;
      if (this.positive[k]) {
        p++;
      }
    }
    this.groups = g + 1;
    this.positives = p;
    this.negatives = m - p;
  }

  /** The items (non-NaN scores) and their labels. */
  public static Auroc of(double[] scores, boolean[] labels) {
    return new Auroc(scores, labels);
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return negatives;
  }

  /** The AUROC; NaN when a class is empty. */
  public double value() {
    long[] w = new long[scores.length];
    Arrays.fill(w, 1);
    return weighted(w);
  }

  /**
   * The AUROC of the sample in which item k (ascending order) appears {@code w[k]} times: per tie group, its
   * positives beat every negative of the groups below and tie with its own negatives.
   */
  private double weighted(long[] w) {
    double u = 0;
    long negBelow = 0, pos = 0, neg = 0;
    int k = 0;
    while (k < scores.length) {
      int g = group[k];
      long gp = 0, gn = 0;
      for (; k < scores.length && group[k] == g; k++) {
        if (positive[k]) {
          gp += w[k];
        } else {
          gn += w[k];
        }
      }
      u += gp * (double) negBelow + 0.5 * gp * (double) gn;
      negBelow += gn;
      pos += gp;
      neg += gn;
    }
    return pos == 0 || neg == 0 ? Double.NaN : u / ((double) pos * neg);
  }

  /** {@code sqrt((n+ + n- + 1) / (12 n+ n-))}: the standard deviation of the AUROC of an uninformative score. */
  public static double nullStderr(long positives, long negatives) {
    return Math.sqrt((positives + negatives + 1) / (12.0 * positives * negatives));
  }

  /** The AUROC with its percentile-bootstrap interval at {@code level} (e.g. 0.95). */
  public record Estimate(double value, double low, double high, long positives, long negatives, int replicates) {}

  /**
   * The AUROC and its bootstrap interval from {@code replicates} resamples drawn from {@code seed} (the same seed
   * gives the same interval). Both ends NaN when a class is empty.
   */
  public Estimate bootstrap(int replicates, double level, long seed) {
    if (replicates < 1 || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("replicates must be >= 1 and the level in (0, 1): " + replicates + ", "
          + level);
    }
    double v = value();
    if (Double.isNaN(v)) {
      return new Estimate(v, Double.NaN, Double.NaN, positives, negatives, 0);
    }
    int m = scores.length;
    SplittableRandom rng = new SplittableRandom(seed);
    long[] w = new long[m];
    double[] reps = new double[replicates];
    for (int b = 0; b < replicates; b++) {
      double a;
      do {
        Arrays.fill(w, 0);
        for (int i = 0; i < m; i++) {
          w[rng.nextInt(m)]++;
        }
        a = weighted(w);
      } while (Double.isNaN(a));
      reps[b] = a;
    }
    Arrays.sort(reps);
    double tail = (1 - level) / 2;
    return new Estimate(v, quantile(reps, tail), quantile(reps, 1 - tail), positives, negatives, replicates);
  }

  /** Linear interpolation between order statistics (type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The ROC curve, one point per tie group from the highest threshold down: {@code {false-positive rate,
   * true-positive rate}} of "positive when score >= threshold", starting at (0, 0) and ending at (1, 1); the
   * trapezoid area under it is {@link #value()}.
   */
  public double[][] curve() {
    double[] fpr = new double[groups + 1], tpr = new double[groups + 1];
    long tp = 0, fp = 0;
    int k = scores.length - 1, point = 1;
    while (k >= 0) {
      int g = group[k];
      for (; k >= 0 && group[k] == g; k--) {
        if (positive[k]) {
          tp++;
        } else {
          fp++;
        }
      }
      fpr[point] = negatives == 0 ? Double.NaN : fp / (double) negatives;
      tpr[point] = positives == 0 ? Double.NaN : tp / (double) positives;
      point++;
    }
    return new double[][] {fpr, tpr};
  }
}
