package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * A two-layer ReLU network on 1-D data under weight decay (seed 001, Fig. 3): {@code f(x) = sum_j a_j relu(w_j x +
 * b_j)}, width m, trained by full-batch gradient descent with weight decay on all 3m parameters,
 *
 * <pre>  theta <- (1 - eta lambda) theta - eta grad L(theta),   L = (1/(2n)) sum_i (f(x_i) - y_i)^2  </pre>
 *
 * (relu'(0) = 0), from {@code a_j, w_j, b_j ~ N(0, sigma^2)} independently. The data: n points {@code x_i} uniform
 * on [-1, 1] (drawn once from the data seed), labels from a teacher that is a sum of a few ReLUs with kinks
 * {@code k_t} and slope changes {@code c_t}: {@code y = f*(x) = sum_t c_t relu(x - k_t)}. Test loss: the mean of
 * {@code (f - f*)^2 / 2} over {@link #TEST_POINTS} equally spaced points of [-1, 1]. Kinks of the learned function:
 * each neuron with {@code w_j != 0} bends f at {@code -b_j/w_j} by a slope change {@code a_j |w_j|}; kinks in [-1, 1]
 * closer than {@link #KINK_MERGE} are merged (their changes added), and those whose total change exceeds {@code
 * kinkThreshold} in magnitude are counted.
 *
 * <p>Minibatch SGD: each step draws S of the n points (with or without replacement, afresh at every step, or
 * reshuffled each epoch: {@link Sampling}, {@code kernels.FiniteBatchSampler}) and takes the step above on {@code L_B =
 * (1/(2S)) sum_{b in B} (f(x_b) - y_b)^2}, a point counted as often as it is drawn; full-batch GD when S = n without
 * replacement. Reshuffled at S = n, every step uses every point once, in the order of that epoch's permutation: GD up
 * to the order of the gradient's sum, and simulated as such (the permutation is drawn), so that the equality is a
 * check rather than a definition.
 *
 * @param x the training inputs
 * @param y the training labels
 * @param kinks the teacher's kinks
 * @param slopes the teacher's slope changes
 * @param width m
 * @param eta step size
 * @param lambda weight decay
 * @param sigma initialisation scale
 * @param kinkThreshold the slope change below which a kink is not counted
 * @param batch S, 1 .. n (any S >= 1 with replacement)
 * @param sampling how the batch is drawn
 * @param trainThreshold t1 is the first step whose state has training loss at or below it
 * @param testThreshold t2 likewise for the test loss
 */
public record GrokRelu(double[] x, double[] y, double[] kinks, double[] slopes, int width, double eta, double lambda,
    double sigma, double kinkThreshold, int batch, Sampling sampling, double trainThreshold,
    double testThreshold) {
  /** The CLI's default levels of t1 and t2. */
  public static final double DEFAULT_TRAIN_THRESHOLD = 1e-3;
  public static final double DEFAULT_TEST_THRESHOLD = 1e-3;
  /** Test points, equally spaced on [-1, 1]. */
  public static final int TEST_POINTS = 101;
  /** Points of the plotted function, equally spaced on [-1, 1]. */
  public static final int PLOT_POINTS = 41;
  /** Kinks closer than this are one. */
  public static final double KINK_MERGE = 0.02;
  /** The default teacher: a tent on [-0.5, 0.5] plus a ramp, 4 kinks. */
  public static final double[] DEFAULT_KINKS = {-0.5, 0.0, 0.5, 0.7};
  public static final double[] DEFAULT_SLOPES = {1.0, -2.0, 1.0, 1.5};

  public GrokRelu {
    if (x.length < 1 || x.length != y.length) {
      throw new IllegalArgumentException("the dataset needs at least one point and a label for each");
    }
    if (kinks.length != slopes.length) {
      throw new IllegalArgumentException("the teacher needs one slope change per kink");
    }
    if (width < 1) {
      throw new IllegalArgumentException("the width m must be at least 1, not " + width);
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
    if (!(kinkThreshold > 0)) {
      throw new IllegalArgumentException("the kink threshold must be positive, not " + kinkThreshold);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (batch < 1 || (!sampling.withReplacement() && batch > x.length)) {
      throw new IllegalArgumentException("the batch size must be in 1.." + x.length + " (the training points) "
          + (sampling == Sampling.RESHUFFLE ? "when reshuffling" : "without replacement, at least 1 with")
          + ", not " + batch);
    }
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new IllegalArgumentException("the thresholds of t1 and t2 must be positive");
    }
    x = x.clone();
    y = y.clone();
    kinks = kinks.clone();
    slopes = slopes.clone();
  }

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokRelu(double[] x, double[] y, double[] kinks, double[] slopes, int width, double eta, double lambda,
      double sigma, double kinkThreshold, int batch, boolean withReplacement, double trainThreshold,
      double testThreshold) {
    this(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch, Sampling.of(withReplacement),
        trainThreshold, testThreshold);
  }

  /** The default thresholds of t1 and t2. */
  public GrokRelu(double[] x, double[] y, double[] kinks, double[] slopes, int width, double eta, double lambda,
      double sigma, double kinkThreshold, int batch, Sampling sampling) {
    this(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch, sampling,
        DEFAULT_TRAIN_THRESHOLD, DEFAULT_TEST_THRESHOLD);
  }

  /** The default thresholds of t1 and t2, with or without replacement. */
  public GrokRelu(double[] x, double[] y, double[] kinks, double[] slopes, int width, double eta, double lambda,
      double sigma, double kinkThreshold, int batch, boolean withReplacement) {
    this(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch, Sampling.of(withReplacement));
  }

  /** This model with t1 and t2 at other levels. */
  public GrokRelu withThresholds(double train, double test) {
    return new GrokRelu(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch, sampling, train, test);
  }

  /** Full-batch GD. */
  public GrokRelu(double[] x, double[] y, double[] kinks, double[] slopes, int width, double eta, double lambda,
      double sigma, double kinkThreshold) {
    this(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, x.length, false);
  }

  /** n points uniform on [-1, 1] (uniforms i of "trajectory" 0 of {@link Stream#DATASET}), labelled by the teacher. */
  public static GrokRelu generate(int n, long dataSeed, double[] kinks, double[] slopes, int width, double eta,
      double lambda, double sigma, double kinkThreshold) {
    return generate(n, dataSeed, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, n, false);
  }

  /** As {@link #generate(int, long, double[], double[], int, double, double, double, double)}, SGD with batch S. */
  public static GrokRelu generate(int n, long dataSeed, double[] kinks, double[] slopes, int width, double eta,
      double lambda, double sigma, double kinkThreshold, int batch, boolean withReplacement) {
    return generate(n, dataSeed, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch,
        Sampling.of(withReplacement));
  }

  /** As {@link #generate(int, long, double[], double[], int, double, double, double, double)}, SGD with batch S. */
  public static GrokRelu generate(int n, long dataSeed, double[] kinks, double[] slopes, int width, double eta,
      double lambda, double sigma, double kinkThreshold, int batch, Sampling sampling) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of points n must be at least 1, not " + n);
    }
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * Draws.uniform(dataSeed, Stream.DATASET, 0, i) - 1;
      y[i] = teacher(kinks, slopes, x[i]);
    }
    return new GrokRelu(x, y, kinks, slopes, width, eta, lambda, sigma, kinkThreshold, batch, sampling);
  }

  public static double teacher(double[] kinks, double[] slopes, double x) {
    double f = 0;
    for (int t = 0; t < kinks.length; t++) {
      f += slopes[t] * Math.max(x - kinks[t], 0);
    }
    return f;
  }

  public double teacher(double at) {
    return teacher(kinks, slopes, at);
  }

  /** Test point p of {@link #TEST_POINTS} (or of {@code count}) on [-1, 1]. */
  public static double gridPoint(int p, int count) {
    return -1 + 2.0 * p / (count - 1);
  }

  public int n() {
    return x.length;
  }

  public double decay() {
    return 1.0 - eta * lambda;
  }

  /**
   * Whether every step uses every point once, in index order: S = n without replacement. (Reshuffled at S = n
   * also uses every point once a step, but in its epoch's order: {@link #reshuffled()}.)
   */
  public boolean fullBatch() {
    return batch == x.length && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether the batches come from a permutation of the n points per epoch ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  /** Steps an epoch when reshuffled: floor(n / S). */
  public long stepsPerEpoch() {
    return Sampling.batchesPerEpoch(x.length, batch);
  }

  /** {@code -eta/S} ({@code -eta/n} for GD), rounded once. */
  public double coefficient() {
    return -(eta / batch);
  }

  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }
}
