package org.sgdmc.models;

/**
 * Over-parameterised linear regression under weight decay (seed 001, "grokking as two timescales"): the training
 * loss {@code L(w) = |X w - y|^2 / (2n)} on a fixed {@link GrokData} with {@code d > n}, minimised by
 *
 * <pre>  w_{k+1} = (1 - eta lambda) w_k - (eta / S) sum_{i in B_k} x_i (x_i . w_k - y_i)  </pre>
 *
 * full-batch gradient descent when {@link #fullBatch()} (B_k = all n points, in order), minibatch SGD otherwise
 * (S points drawn afresh each step, with or without replacement, or reshuffled each epoch: {@link Sampling}),
 * from {@code w_0 ~ N(0, alpha^2/d I_d)} (so {@code E|w_0|^2 = alpha^2}). Per trajectory two event times: t1, the
 * first step at which the training loss is {@code <= trainThreshold}, and t2, the first at which the test loss
 * {@code |w - beta*|^2 / 2} is {@code <= testThreshold}.
 *
 * @param data the dataset
 * @param eta step size, > 0
 * @param lambda weight decay, >= 0
 * @param alpha initialisation scale, >= 0
 * @param batch S, 1..n without replacement or reshuffled, >= 1 with
 * @param sampling how a minibatch is drawn
 * @param trainThreshold level of the training loss that defines t1, > 0
 * @param testThreshold level of the test loss that defines t2, > 0
 */
public record GrokLinreg(GrokData data, double eta, double lambda, double alpha, int batch, Sampling sampling,
    double trainThreshold, double testThreshold) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokLinreg(GrokData data, double eta, double lambda, double alpha, int batch, boolean withReplacement,
      double trainThreshold, double testThreshold) {
    this(data, eta, lambda, alpha, batch, Sampling.of(withReplacement), trainThreshold, testThreshold);
  }

  public GrokLinreg {
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("the step size eta must be a positive finite number, not " + eta);
    }
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("the weight decay lambda must be a finite number >= 0, not " + lambda);
    }
    if (!(eta * lambda < 1)) {
      throw new IllegalArgumentException("eta * lambda = " + eta * lambda + " must be below 1 (else the decay factor "
          + "1 - eta lambda is not in (0, 1])");
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("the initialisation scale alpha must be a finite number >= 0, not " + alpha);
    }
    checkBatch(batch, data.n(), sampling);
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new IllegalArgumentException("the loss thresholds must be positive, not " + trainThreshold + " and "
          + testThreshold);
    }
  }

  /**
   * The batch size against the n points: 1..n unless with replacement, one line naming the mode (the checks of
   * every grokking model on these data).
   */
  static void checkBatch(int batch, int n, Sampling sampling) {
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (batch < 1 || (!sampling.withReplacement() && batch > n)) {
      throw new IllegalArgumentException("the batch size must be in 1.." + n + switch (sampling) {
        case WITH_REPLACEMENT -> "";
        case WITHOUT_REPLACEMENT -> " (sampling without replacement)";
        case RESHUFFLE -> " (reshuffling: an epoch's batches are S distinct points of the n)";
      } + ", not " + batch);
    }
  }

  /**
   * Full-batch gradient descent: every point, in order, at every step (S = n without replacement). Reshuffled at
   * S = n, every step is still the full gradient, but its sum runs in the epoch's permuted order, so the run takes
   * the minibatch path: the same as GD up to the rounding of one sum's order.
   */
  public boolean fullBatch() {
    return batch == data.n() && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether the minibatches come from a permutation per epoch ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  public int dim() {
    return data.d();
  }

  /** {@code alpha / sqrt(d)}, rounded once: the standard deviation of each coordinate of w_0. */
  public double initScale() {
    return alpha / Math.sqrt(data.d());
  }

  /** {@code 1 - eta lambda}, rounded once: the weight decay's factor per step. */
  public double decay() {
    return 1.0 - eta * lambda;
  }

  /** {@code -eta / S}, rounded once: the gradient's factor per step. */
  public double coefficient() {
    return -(eta / batch);
  }

  /** 1/(eta lambda): the slow (drift) time scale in steps; +inf without weight decay. */
  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }
}
