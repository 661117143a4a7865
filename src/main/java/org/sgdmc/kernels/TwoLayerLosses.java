package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.rng.Transcendentals;
import org.sgdmc.rng.VectorShapes;

/**
 * The loss {@code mean_k (u act(w x_k) - y_k)^2 / 2} of many parameter pairs on one dataset (say every
 * trajectory's end state on the test set): vectorised across the pairs, sequential over the data in both
 * twins, so each pair's loss is the same bits whichever path, lane or thread computes it.
 */
public final class TwoLayerLosses {
  private TwoLayerLosses() {}

  /** {@code out[i]} for i in [from, to): the vector body, then the shared scalar tail. */
  public static void compute(Activation act, RegressionData d, double[] u, double[] w, double[] out, int from, int to) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] x = d.x(), y = d.y();
    double scale = 0.5;
    int i = from;
    for (; i + sp.length() <= to; i += sp.length()) {
      DoubleVector uv = DoubleVector.fromArray(sp, u, i);
      DoubleVector wv = DoubleVector.fromArray(sp, w, i);
      DoubleVector acc = DoubleVector.zero(sp);
      if (act == Activation.TANH) {
        for (int k = 0; k < x.length; k++) {
          DoubleVector z = wv.mul(x[k]);
          DoubleVector a = Transcendentals.tanh(z, Transcendentals.exp(z.abs().mul(2.0)));
          DoubleVector r = uv.fma(a, DoubleVector.broadcast(sp, -y[k]));
          acc = r.fma(r, acc);
        }
      } else {
        for (int k = 0; k < x.length; k++) {
          DoubleVector z = wv.mul(x[k]);
          DoubleVector a = z.mul(Transcendentals.sigmoid(z));
          DoubleVector r = uv.fma(a, DoubleVector.broadcast(sp, -y[k]));
          acc = r.fma(r, acc);
        }
      }
      acc.mul(scale).div(x.length).intoArray(out, i);
    }
    scalar(act, x, y, u, w, out, i, to);
  }

  /** The scalar twin, from {@code from} to {@code to}. */
  public static void scalar(Activation act, RegressionData d, double[] u, double[] w, double[] out, int from, int to) {
    scalar(act, d.x(), d.y(), u, w, out, from, to);
  }

  private static void scalar(Activation act, double[] x, double[] y, double[] u, double[] w, double[] out, int from, int to) {
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
