package org.sgdmc.kernels;

import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;

/**
 * The loss {@code mean_k (u act(w x_k) - y_k)^2 / 2} of many parameter pairs on one dataset (say every
 * trajectory's end state on the test set): vectorised across the pairs, sequential over the data in both
 * twins, so each pair's loss is the same bits whichever path, lane or thread computes it.
 */
public final class TwoLayerLosses {
  private TwoLayerLosses() {}

  /**
   * {@code out[i]} for i in [from, to): by {@link VectorTwoLayerLosses} where {@link VectorizationProvider} says
   * the vector kernels run, else by the scalar twin; the same bits either way.
   */
  public static void compute(Activation act, RegressionData d, double[] u, double[] w, double[] out, int from, int to) {
    if (VectorizationProvider.lookup().vectorised()) {
      VectorTwoLayerLosses.compute(act, d, u, w, out, from, to);
    } else {
      scalar(act, d, u, w, out, from, to);
    }
  }

  /** The scalar twin, from {@code from} to {@code to}. */
  public static void scalar(Activation act, RegressionData d, double[] u, double[] w, double[] out, int from, int to) {
    scalar(act, d.x(), d.y(), u, w, out, from, to);
  }

  static void scalar(Activation act, double[] x, double[] y, double[] u, double[] w, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double acc = 0.0;
      for (int k = 0; k < x.length; k++) {
        double r = Math.fma(u[i], act.value(w[i] * x[k]), -y[k]);
        acc = Math.fma(r, r, acc);
      }
      out[i] = 0.5 * acc / x.length;
    }
  }
}
