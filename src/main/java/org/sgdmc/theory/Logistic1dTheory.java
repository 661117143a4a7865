package org.sgdmc.theory;

import org.sgdmc.rng.Transcendentals;

/**
 * Exact sums of 1-D logistic regression on a finite dataset: {@code g_i(theta) = c_i s(c_i theta)}, the loss
 * gradient {@code L' = (1/n) sum g_i}, the per-sample gradient variance {@code Sigma = (1/n) sum (g_i - L')^2}, the
 * curvature {@code L'' = (1/n) sum c_i^2 s (1 - s)} and the minimum. Sigmoid as the kernels compute it.
 */
public final class Logistic1dTheory {
  private final double[] c;

  public Logistic1dTheory(double[] c) {
    this.c = c.clone();
    boolean pos = false, neg = false;
    for (double v : c) {
      pos |= v > 0;
      neg |= v < 0;
    }
    if (!pos || !neg) {
      throw new IllegalArgumentException("the data are separable (every -y x has one sign): the logistic loss has no "
          + "minimum");
    }
  }

  public double gradient(double theta) {
    double s = 0;
    for (double ci : c) {
      s += ci * Transcendentals.sigmoid(ci * theta);
    }
    return s / c.length;
  }

  public double sigma(double theta) {
    double mean = gradient(theta);
    double s = 0;
    for (double ci : c) {
      double d = ci * Transcendentals.sigmoid(ci * theta) - mean;
      s += d * d;
    }
    return s / c.length;
  }

  public double curvature(double theta) {
    double s = 0;
    for (double ci : c) {
      double p = Transcendentals.sigmoid(ci * theta);
      s += ci * ci * p * (1 - p);
    }
    return s / c.length;
  }

  /** theta* with L'(theta*) = 0, by bisection (L' increases). */
  public double minimum() {
    double lo = -1, hi = 1;
    while (gradient(lo) > 0) {
      lo *= 2;
    }
    while (gradient(hi) < 0) {
      hi *= 2;
    }
    for (int k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
      double mid = 0.5 * (lo + hi);
      if (gradient(mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
