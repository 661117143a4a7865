package org.sgdmc.models;

/**
 * A diagonal linear network under weight decay (seed 001, App. C and D.2): {@code beta = u * u - v * v}
 * (coordinate-wise), the training loss {@code L = |X beta - y|^2 / (2n)} on a fixed {@link GrokData} (a sparse
 * teacher), minimised by
 *
 * <pre>  u <- (1 - eta lambda) u - 2 eta u * g,   v <- (1 - eta lambda) v + 2 eta v * g,   g = (1/S) sum_{i in B} x_i r_i  </pre>
 *
 * ({@code r_i = x_i . beta - y_i}), full-batch when {@link #fullBatch()}, from {@code u_0, v_0 ~ N(0, alpha^2 I)}
 * independently. Since {@code min (|u|^2 + |v|^2)} over {@code u*u - v*v = beta} is {@code |beta|_1}, the weight
 * decay's drift along the interpolating manifold lowers the l1 norm of beta: the endpoint approaches the
 * minimum-l1 interpolant (basis pursuit) as lambda -> 0, which for a sparse teacher and enough points is the teacher.
 *
 * @param data the dataset
 * @param eta step size, > 0
 * @param lambda weight decay, >= 0, eta lambda < 1
 * @param alpha initialisation scale, >= 0
 * @param batch S
 * @param sampling how a minibatch is drawn (with or without replacement, or reshuffled each epoch)
 * @param trainThreshold t1's level of the training loss
 * @param testThreshold t2's level of the test loss {@code |beta - beta*|^2 / 2}
 * @param target the vector whose distance to beta is observed (the minimum-l1 interpolant), length d
 */
public record GrokDiag(GrokData data, double eta, double lambda, double alpha, int batch, Sampling sampling,
    double trainThreshold, double testThreshold, double[] target) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokDiag(GrokData data, double eta, double lambda, double alpha, int batch, boolean withReplacement,
      double trainThreshold, double testThreshold, double[] target) {
    this(data, eta, lambda, alpha, batch, Sampling.of(withReplacement), trainThreshold, testThreshold, target);
  }

  public GrokDiag {
    new GrokLinreg(data, eta, lambda, alpha, batch, sampling, trainThreshold, testThreshold); // the same checks
    if (target.length != data.d()) {
      throw new IllegalArgumentException("the target has " + target.length + " coordinates, not d = " + data.d());
    }
    target = target.clone();
  }

  @Override
  public double[] target() {
    return target.clone();
  }

  /** As {@link GrokLinreg#fullBatch()}: S = n without replacement (reshuffled at S = n takes the permuted path). */
  public boolean fullBatch() {
    return batch == data.n() && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  public int dim() {
    return data.d();
  }

  /** {@code 1 - eta lambda}, rounded once. */
  public double decay() {
    return 1.0 - eta * lambda;
  }

  /** {@code 2 eta / S}, rounded once: the gradient's factor (u's step is {@code -factor u g}, v's {@code +factor v g}). */
  public double factor() {
    return 2 * eta / batch;
  }

  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }
}
