package org.sgdmc.models;

/**
 * Over-parameterised linear regression under weight decay (seed 001, "grokking as two timescales"): the training
 * loss {@code L(w) = |X w - y|^2 / (2n)} on a fixed {@link GrokData} with {@code d > n}, minimised by
 *
 * <pre>  w_{k+1} = (1 - eta lambda) w_k - (eta / S) sum_{i in B_k} x_i (x_i . w_k - y_i)  </pre>
 *
 * full-batch gradient descent when {@link #fullBatch()} (B_k = all n points, in order), minibatch SGD otherwise
 * (S points drawn afresh each step, with or without replacement), from {@code w_0 ~ N(0, alpha^2/d I_d)} (so
 * {@code E|w_0|^2 = alpha^2}). Per trajectory two event times: t1, the first step at which the training loss is
 * {@code <= trainThreshold}, and t2, the first at which the test loss {@code |w - beta*|^2 / 2} is {@code <=
 * testThreshold}.
 *
 * @param data the dataset
 * @param eta step size, > 0
 * @param lambda weight decay, >= 0
 * @param alpha initialisation scale, >= 0
 * @param batch S, 1..n without replacement, >= 1 with
 * @param withReplacement how a minibatch is drawn
 * @param trainThreshold level of the training loss that defines t1, > 0
 * @param testThreshold level of the test loss that defines t2, > 0
 */
public record GrokLinreg(GrokData data, double eta, double lambda, double alpha, int batch, boolean withReplacement,
    double trainThreshold, double testThreshold) {

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
    if (batch < 1 || (!withReplacement && batch > data.n())) {
      throw new IllegalArgumentException("the batch size must be in 1.." + data.n()
          + (withReplacement ? "" : " (sampling without replacement)") + ", not " + batch);
    }
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new IllegalArgumentException("the loss thresholds must be positive, not " + trainThreshold + " and "
          + testThreshold);
    }
  }

  /** Full-batch gradient descent: every point, in order, at every step. */
  public boolean fullBatch() {
    return batch == data.n() && !withReplacement;
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
