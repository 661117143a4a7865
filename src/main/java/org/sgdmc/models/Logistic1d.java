package org.sgdmc.models;

import org.sgdmc.theory.Logistic1dTheory;

/**
 * One-dimensional logistic regression on a finite dataset, seed 004's non-quadratic 1-D loss:
 * {@code L(theta) = (1/n) sum ln(1 + exp(-y_i x_i theta))}, labels +-1, per-sample gradient
 * {@code g_i = c_i s(c_i theta)} with {@code c_i = -y_i x_i} and s the logistic sigmoid. Not separable (the c_i
 * take both signs), so L has one minimum theta*; the gradient is bounded, so SGD never diverges, and the
 * stationary laws are light-tailed. Batches are drawn with replacement (covariance Sigma/B) unless {@code sampling}
 * says otherwise: a fresh B-subset each step, or reshuffled each epoch ({@link Sampling#RESHUFFLE}).
 *
 * @param lr learning rate eta, > 0
 * @param batch B >= 1
 * @param c the c_i = -y_i x_i
 * @param noise {@link NoiseModel#MINIBATCH} (SGD) or {@link NoiseModel#GAUSSIAN} (Euler-Maruyama of seed 004's SDE
 *     with the minibatch covariance Sigma(theta)/B)
 * @param substeps l: Gaussian noise takes l steps of dt = lr / l per step; 1 for minibatch
 * @param thetaStar the minimum, where every trajectory starts
 * @param sampling how a minibatch is drawn (minibatch noise only; the Gaussian models ignore it)
 */
public record Logistic1d(double lr, int batch, double[] c, NoiseModel noise, int substeps, double thetaStar,
    Sampling sampling) {

  /** Batches with replacement, as before the sampling was a choice. */
  public Logistic1d(double lr, int batch, double[] c, NoiseModel noise, int substeps, double thetaStar) {
    this(lr, batch, c, noise, substeps, thetaStar, Sampling.WITH_REPLACEMENT);
  }

  public Logistic1d {
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (noise == NoiseModel.MINIBATCH && !sampling.withReplacement() && batch > c.length) {
      throw new IllegalArgumentException("batch size " + batch + " exceeds the " + c.length + " data points ("
          + (sampling == Sampling.RESHUFFLE ? "reshuffling" : "sampling without replacement") + ")");
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, not " + lr);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    if (noise != NoiseModel.MINIBATCH && noise != NoiseModel.GAUSSIAN) {
      throw new IllegalArgumentException("logistic1d runs minibatch or gaussian noise, not " + noise);
    }
    if (substeps < 1 || substeps > Linreg1dTails.MAX_SUBSTEPS || (substeps != 1 && noise != NoiseModel.GAUSSIAN)) {
      throw new IllegalArgumentException("Euler-Maruyama substeps must be in 1.." + Linreg1dTails.MAX_SUBSTEPS
          + " and apply to gaussian noise only, not " + substeps);
    }
    if (c.length < 2) {
      throw new IllegalArgumentException("the dataset needs at least 2 points");
    }
  }

  /** The model on data {@code (x_i, y_i)}, its minimum found by {@link Logistic1dTheory}; batches with replacement. */
  public static Logistic1d of(double lr, int batch, double[] x, double[] y, NoiseModel noise, int substeps) {
    return of(lr, batch, x, y, noise, substeps, Sampling.WITH_REPLACEMENT);
  }

  /** The model on data {@code (x_i, y_i)}, its minibatches drawn as {@code sampling} says. */
  public static Logistic1d of(double lr, int batch, double[] x, double[] y, NoiseModel noise, int substeps,
      Sampling sampling) {
    double[] c = new double[x.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = -y[i] * x[i];
    }
    return new Logistic1d(lr, batch, c, noise, substeps, new Logistic1dTheory(c).minimum(), sampling);
  }

  /** Whether SGD's batches come from a permutation per epoch ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return noise == NoiseModel.MINIBATCH && sampling == Sampling.RESHUFFLE;
  }

  /** 1/B. */
  public double samplingFactor() {
    return 1.0 / batch;
  }

  public String describe() {
    return "logistic1d, lr=" + lr + ", B=" + batch + (noise == NoiseModel.MINIBATCH ? sampling.describe() : "")
        + ", n=" + c.length + ", noise=" + noise
        + (substeps > 1 ? " (Euler-Maruyama, " + substeps + " substeps of dt = lr/" + substeps + ")" : "");
  }
}
