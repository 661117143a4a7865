package org.sgdmc.models;

import org.sgdmc.rng.DrawBuffer;
import org.sgdmc.rng.Stream;
import org.sgdmc.theory.MinNuclearCompletion;

/**
 * Matrix completion with a dataset per trajectory ({@code --dataset per-trajectory}): trajectory i has its own rank-r
 * ground truth and its own mask, drawn as {@link GrokMc#truthAndMask} draws the fixed one but from trajectory i of
 * {@link Stream#DATASETS} under the data seed: A's entry {@code (a, k)} is normal {@code a r + k}, B's {@code (b, k)}
 * normal {@code d r + b r + k} of part 5, entry {@code a d + b} observed when uniform {@code a d + b} of part 6 is
 * below {@code observed} (part p's draw k is draw {@code p 2^40 + k}; parts 0 .. 4 are grok-linreg's, grok-diag's and
 * grok-relu's). So trajectory i's data depend on (data seed, i) alone, never on threads, block or vector width.
 *
 * <p>Full-batch GD, or minibatch SGD with or without replacement from each trajectory's own observed entries (its own
 * number of them: the sampler picks from the first |Omega_i| of a larger range); not reshuffled, whose epochs would
 * differ in length from trajectory to trajectory. The minimum-nuclear-norm completion, an ADMM solve per
 * dataset (thousands of SVDs), is the target of the first {@code referenced} trajectories only; the others' target is their own truth
 * M* (so their distance channel holds {@code |W - M*|_F}, finite, which the experiment does not read).
 *
 * @param base the step, decay, initialisation, sizes, batch, sampling and thresholds every trajectory shares (full
 *     batch where the base is); its truth, mask and target are not used
 * @param observed the probability that an entry is observed
 * @param dataSeed the data seed
 * @param completions [i]: trajectory i's minimum-nuclear-norm completion, for the first {@link #referenced()}
 *     trajectories (solved once, by {@link #of})
 */
public record GrokMcDatasets(GrokMc base, double observed, long dataSeed, MinNuclearCompletion[] completions) {
  /** The CLI's number of trajectories with a minimum-nuclear-norm reference. */
  public static final int REFERENCED = 16;
  private static final int FACTORS = 5;
  private static final int MASK = 6;

  public GrokMcDatasets {
    if (!(observed > 0 && observed <= 1)) {
      throw new IllegalArgumentException("the observed fraction must be in (0, 1], not " + observed);
    }
    if (base.reshuffled()) {
      throw new IllegalArgumentException("a dataset per trajectory is not reshuffled (each trajectory's epoch would have"
          + " its own length)");
    }
    completions = completions.clone();
  }

  /** The datasets, with the completions of trajectories 0 .. referenced - 1 solved (ADMM). */
  public static GrokMcDatasets of(GrokMc base, double observed, long dataSeed, int referenced) {
    if (referenced < 0) {
      throw new IllegalArgumentException("the number of referenced trajectories must be >= 0");
    }
    GrokMcDatasets unsolved = new GrokMcDatasets(base, observed, dataSeed, new MinNuclearCompletion[0]);
    MinNuclearCompletion[] solved = new MinNuclearCompletion[referenced];
    // independent solves, each deterministic: in parallel (one ADMM takes 0.1 .. 2 s at d = 10, measured)
    java.util.stream.IntStream.range(0, referenced).parallel().forEach(i -> {
      GrokMc own = unsolved.at(i); // its target its truth
      solved[i] = MinNuclearCompletion.of(base.d(), own.truth(), own.mask());
    });
    return new GrokMcDatasets(base, observed, dataSeed, solved);
  }

  /** How many trajectories (the first ones) have their minimum-nuclear-norm completion as target. */
  public int referenced() {
    return completions.length;
  }

  @Override
  public MinNuclearCompletion[] completions() {
    return completions.clone();
  }

  /**
   * Trajectory i's model: its own truth and mask; full batch, or minibatches of the base's size and sampling from its
   * own observed entries (more of them than the batch without replacement: SGD, not GD, in every lane); target its
   * own minimum-nuclear-norm completion if i < referenced, else its own truth.
   */
  public GrokMc at(long i) {
    int d = base.d();
    double[] truth = new double[d * d], mask = new double[d * d];
    int count = fill(i, new DrawBuffer(), new double[2 * d * base.rank()], truth, mask, 0, 1);
    if (count == 0) {
      throw new IllegalArgumentException("trajectory " + i + "'s dataset observes no entry");
    }
    boolean[] observedMask = new boolean[d * d];
    for (int k = 0; k < d * d; k++) {
      observedMask[k] = mask[k] == 1;
    }
    double[] target = i < completions.length ? completions[(int) i].x() : truth;
    if (!base.fullBatch() && !base.withReplacement() && base.batch() >= count) {
      throw new IllegalArgumentException("trajectory " + i + "'s dataset observes " + count + " entries, not more "
          + "than the batch of " + base.batch() + " drawn without replacement");
    }
    return new GrokMc(d, base.rank(), truth, observedMask, base.eta(), base.lambda(), base.sigma(), target,
        base.fullBatch() ? count : base.batch(), base.fullBatch() ? Sampling.WITHOUT_REPLACEMENT : base.sampling(),
        base.trainThreshold(), base.testThreshold());
  }

  /**
   * Trajectory i's truth and mask (1 observed, 0 not) into {@code truth[k * stride + at]}, {@code mask[k * stride +
   * at]}, entry k row-major; returns its number of observed entries. Allocates nothing: {@code ab} (2 d r doubles)
   * holds the factors.
   */
  public int fill(long i, DrawBuffer draws, double[] ab, double[] truth, double[] mask, int at, int stride) {
    int d = base.d(), r = base.rank();
    for (int k = 0; k < 2 * d * r; k++) {
      ab[k] = draws.normal(dataSeed, Stream.DATASETS, i, draw(FACTORS, k));
    }
    double scale = 1 / Math.sqrt(r);
    int count = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += ab[a * r + k] * ab[d * r + b * r + k];
        }
        int e = a * d + b;
        truth[e * stride + at] = s * scale;
        boolean seen = draws.uniform(dataSeed, Stream.DATASETS, i, draw(MASK, e)) < observed;
        mask[e * stride + at] = seen ? 1 : 0;
        count += seen ? 1 : 0;
      }
    }
    return count;
  }

  /** This model with t1 and t2 at other levels. */
  public GrokMcDatasets withThresholds(double train, double test) {
    return new GrokMcDatasets(base.withThresholds(train, test), observed, dataSeed, completions);
  }

  /** Doubles a block of {@code width} trajectories holds for its lanes' data: the truth and the mask of each. */
  public static long blockDoubles(int d, int width) {
    return 2L * width * d * d;
  }

  private static long draw(int part, long k) {
    return ((long) part << 40) + k;
  }
}
