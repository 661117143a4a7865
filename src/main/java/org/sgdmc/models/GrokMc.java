package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * Matrix completion under weight decay (seed 001, Sec. 5, Fig. 2): a rank-r ground truth {@code M* = A B^T / sqrt(r)}
 * (d x d, A and B with independent N(0, 1) entries), each entry observed independently with probability {@code
 * observed} (the set Omega), and full-width factors {@code W = U V^T}, U and V d x d, trained by full-batch GD on
 *
 * <pre>  L(U, V) = (1 / (2 |Omega|)) sum_{(i,j) in Omega} ((U V^T)_ij - M*_ij)^2  </pre>
 *
 * with weight decay: {@code U <- (1 - eta lambda) U - eta R V}, {@code V <- (1 - eta lambda) V - eta R^T U}, {@code R
 * = P_Omega(U V^T - M*) / |Omega|}, both gradients at the old factors, from entries {@code N(0, sigma^2)}. Since
 * {@code min (|U|^2 + |V|^2) / 2} over {@code U V^T = W} is the nuclear norm {@code |W|_*}, the drift lowers the
 * nuclear norm on the manifold of completions: the endpoint approaches the minimum-nuclear-norm completion.
 * Test loss: {@code |U V^T - M*|_F^2 / (2 d^2)}, every entry.
 *
 * <p>Minibatch SGD over the observed entries (the dataset is Omega, in row-major order): each step draws S of them
 * (with or without replacement, or reshuffled each epoch: {@link Sampling}, {@code kernels.FiniteBatchSampler}) and
 * uses {@code R = P_B(U V^T - M*) / S}, the entries of the batch counted as often as drawn; full-batch GD when S =
 * |Omega| without replacement. Reshuffled, an epoch is K = floor(|Omega| / S) steps that use each observed entry at
 * most once (|Omega| - K S of them sit the epoch out); at S = |Omega| every step uses every entry once, in its
 * epoch's order: GD up to the order of one sum, taken on the permuted path (not {@link #fullBatch()}).
 *
 * @param d the size
 * @param rank r
 * @param truth M*, row-major d x d
 * @param mask 1 where observed, row-major
 * @param eta step size
 * @param lambda weight decay
 * @param sigma initialisation scale
 * @param target the matrix whose Frobenius distance to W is observed (the minimum-nuclear-norm completion)
 * @param batch S, 1 .. |Omega| (any S >= 1 with replacement)
 * @param sampling how the batch is drawn
 * @param trainThreshold t1 is the first step whose state has observed-entry loss at or below it
 * @param testThreshold t2 likewise for the test loss
 */
public record GrokMc(int d, int rank, double[] truth, boolean[] mask, double eta, double lambda, double sigma,
    double[] target, int batch, Sampling sampling, double trainThreshold, double testThreshold) {
  /** Singular values of W reported per recording time. */
  public static final int SINGULAR_VALUES = 4;
  /** The CLI's default levels of t1 and t2. */
  public static final double DEFAULT_TRAIN_THRESHOLD = 1e-3;
  public static final double DEFAULT_TEST_THRESHOLD = 1e-2;

  public GrokMc {
    if (d < 2) {
      throw new IllegalArgumentException("the size d must be at least 2, not " + d);
    }
    if (rank < 1 || rank > d) {
      throw new IllegalArgumentException("the rank r must be in 1..d = " + d + ", not " + rank);
    }
    if (truth.length != d * d || mask.length != d * d || target.length != d * d) {
      throw new IllegalArgumentException("inconsistent matrix shapes");
    }
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("the step size eta must be a positive finite number, not " + eta);
    }
    if (!(lambda >= 0) || !(eta * lambda < 1)) {
      throw new IllegalArgumentException("the weight decay lambda must be >= 0 with eta lambda < 1, not " + lambda);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("the initialisation scale must be a finite number >= 0, not " + sigma);
    }
    int observed = 0;
    for (boolean b : mask) {
      observed += b ? 1 : 0;
    }
    if (observed == 0) {
      throw new IllegalArgumentException("no entry is observed");
    }
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (batch < 1 || (!sampling.withReplacement() && batch > observed)) {
      throw new IllegalArgumentException("the batch size must be in 1.." + observed + " (the observed entries"
          + (sampling == Sampling.RESHUFFLE ? ", reshuffled" : "") + "), not " + batch);
    }
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new IllegalArgumentException("the thresholds of t1 and t2 must be positive");
    }
    truth = truth.clone();
    mask = mask.clone();
    target = target.clone();
  }

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokMc(int d, int rank, double[] truth, boolean[] mask, double eta, double lambda, double sigma,
      double[] target, int batch, boolean withReplacement, double trainThreshold, double testThreshold) {
    this(d, rank, truth, mask, eta, lambda, sigma, target, batch, Sampling.of(withReplacement), trainThreshold,
        testThreshold);
  }

  /** The default thresholds of t1 and t2. */
  public GrokMc(int d, int rank, double[] truth, boolean[] mask, double eta, double lambda, double sigma,
      double[] target, int batch, Sampling sampling) {
    this(d, rank, truth, mask, eta, lambda, sigma, target, batch, sampling, DEFAULT_TRAIN_THRESHOLD,
        DEFAULT_TEST_THRESHOLD);
  }

  /** The default thresholds of t1 and t2, with or without replacement. */
  public GrokMc(int d, int rank, double[] truth, boolean[] mask, double eta, double lambda, double sigma,
      double[] target, int batch, boolean withReplacement) {
    this(d, rank, truth, mask, eta, lambda, sigma, target, batch, Sampling.of(withReplacement));
  }

  /** This model with t1 and t2 at other levels. */
  public GrokMc withThresholds(double train, double test) {
    return new GrokMc(d, rank, truth, mask, eta, lambda, sigma, target, batch, sampling, train, test);
  }

  /** Full-batch GD over the observed entries. */
  public GrokMc(int d, int rank, double[] truth, boolean[] mask, double eta, double lambda, double sigma,
      double[] target) {
    this(d, rank, truth, mask, eta, lambda, sigma, target, count(mask), false);
  }

  private static int count(boolean[] mask) {
    int c = 0;
    for (boolean b : mask) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /**
   * Whether every step uses every observed entry once, in row-major order: S = |Omega| without replacement.
   * (Reshuffled at S = |Omega| also uses every entry once a step, but in its epoch's order: {@link #reshuffled()}.)
   */
  public boolean fullBatch() {
    return batch == observedCount() && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  /** Whether a batch may repeat an entry ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether the batches come from a permutation of the observed entries per epoch ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  /** Steps an epoch when reshuffled: floor(|Omega| / S). */
  public long stepsPerEpoch() {
    return Sampling.batchesPerEpoch(observedCount(), batch);
  }

  /** The observed entries' indices {@code i d + j}, ascending: the dataset SGD draws from. */
  public int[] observedIndices() {
    int[] out = new int[observedCount()];
    int c = 0;
    for (int k = 0; k < mask.length; k++) {
      if (mask[k]) {
        out[c++] = k;
      }
    }
    return out;
  }

  /** {@code 1 / S}, rounded once. */
  public double inverseBatch() {
    return 1.0 / batch;
  }

  /**
   * The ground truth and mask from the data seed: A's entry k is normal k, B's normal d r + k of "trajectory" 0 of
   * {@link Stream#DATASET}; entry k is observed when uniform k of trajectory 1 is below {@code observed}.
   */
  public static double[][] truthAndMask(int d, int rank, double observed, long dataSeed) {
    if (d < 2) {
      throw new IllegalArgumentException("the size d must be at least 2, not " + d);
    }
    if (rank < 1 || rank > d) {
      throw new IllegalArgumentException("the rank r must be in 1..d = " + d + ", not " + rank);
    }
    if (!(observed > 0 && observed <= 1)) {
      throw new IllegalArgumentException("the observed fraction must be in (0, 1], not " + observed);
    }
    double[] m = new double[d * d], mask = new double[d * d];
    double scale = 1 / Math.sqrt(rank);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < rank; k++) {
          s += Draws.normal(dataSeed, Stream.DATASET, 0, (long) i * rank + k)
              * Draws.normal(dataSeed, Stream.DATASET, 0, (long) d * rank + (long) j * rank + k);
        }
        m[i * d + j] = s * scale;
        mask[i * d + j] = Draws.uniform(dataSeed, Stream.DATASET, 1, (long) i * d + j) < observed ? 1 : 0;
      }
    }
    return new double[][] {m, mask};
  }

  public int observedCount() {
    return count(mask);
  }

  @Override
  public double[] truth() {
    return truth.clone();
  }

  @Override
  public boolean[] mask() {
    return mask.clone();
  }

  @Override
  public double[] target() {
    return target.clone();
  }

  public double decay() {
    return 1.0 - eta * lambda;
  }

  /** {@code 1 / |Omega|}, rounded once. */
  public double inverseObserved() {
    return 1.0 / observedCount();
  }

  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }
}
