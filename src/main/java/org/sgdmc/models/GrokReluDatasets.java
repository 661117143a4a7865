package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The two-layer ReLU net with a dataset per trajectory ({@code --dataset per-trajectory}): trajectory i trains on its
 * own n points, {@code x_p = 2 u_p - 1} with u_p uniform p of trajectory i of {@link Stream#DATASETS} under the data
 * seed (draws {@code 0 .. n-1} of part 0, as in {@code GrokData}'s per-trajectory layout), labelled by the fixed
 * teacher of {@code base}. Everything else is {@code base}'s; its own points are not used. A trajectory's data depend
 * on (data seed, i) alone, so results do not depend on threads, block or vector width.
 *
 * @param base the model whose width, step, decay, initialisation, batch and thresholds every trajectory shares
 * @param dataSeed the data seed
 */
public record GrokReluDatasets(GrokRelu base, long dataSeed) {
  /** Trajectory i's model: base with i's own points. */
  public GrokRelu at(long i) {
    int n = base.n();
    double[] x = new double[n], y = new double[n];
    for (int p = 0; p < n; p++) {
      x[p] = x(i, p);
      y[p] = base.teacher(x[p]);
    }
    return new GrokRelu(x, y, base.kinks(), base.slopes(), base.width(), base.eta(), base.lambda(), base.sigma(),
        base.kinkThreshold(), base.batch(), base.sampling(), base.trainThreshold(), base.testThreshold());
  }

  /** Point p of trajectory i (its label is {@code base().teacher(x)}); allocates nothing. */
  public double x(long i, int p) {
    return 2 * Draws.uniform(dataSeed, Stream.DATASETS, i, p) - 1;
  }

  /** This model with t1 and t2 at other levels. */
  public GrokReluDatasets withThresholds(double train, double test) {
    return new GrokReluDatasets(base.withThresholds(train, test), dataSeed);
  }

  /** Doubles a block of {@code width} trajectories holds for its lanes' points: x and y of each. */
  public long blockDoubles(int width) {
    return 2L * width * base.n();
  }
}
