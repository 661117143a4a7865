package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.rng.VectorTranscendentals;

/** The vector body of {@link TwoLayerLosses#compute}: lanes across parameter pairs, the scalar twin's tail. */
final class VectorTwoLayerLosses {
  private VectorTwoLayerLosses() {}

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
          DoubleVector a = VectorTranscendentals.tanh(z, VectorTranscendentals.exp(z.abs().mul(2.0)));
          DoubleVector r = uv.fma(a, DoubleVector.broadcast(sp, -y[k]));
          acc = r.fma(r, acc);
        }
      } else {
        for (int k = 0; k < x.length; k++) {
          DoubleVector z = wv.mul(x[k]);
          DoubleVector a = z.mul(VectorTranscendentals.sigmoid(z));
          DoubleVector r = uv.fma(a, DoubleVector.broadcast(sp, -y[k]));
          acc = r.fma(r, acc);
        }
      }
      acc.mul(scale).div(x.length).intoArray(out, i);
    }
    TwoLayerLosses.scalar(act, x, y, u, w, out, i, to);
  }
}
