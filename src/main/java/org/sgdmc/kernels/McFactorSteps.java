package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.rng.VectorShapes;

/**
 * The factor updates that grok-mc's two vector blocks ({@link GrokMcVectorBlock}, one dataset; {@link
 * GrokMcDatasetsVectorBlock}, one per lane) share, on lane group l of U and V ({@code [(i d + k) * width + lane]}):
 * a minibatch's gradient, and the step itself. Arrays in and out (no vector crosses a call), each lane's operations
 * those of {@link GrokMcScalarBlock}, in its order.
 */
final class McFactorSteps {
  private McFactorSteps() {}

  /**
   * gu, gv ({@code [(i d + k) * lanes + lane]}) := the gradient of the batch's loss: for batch element b (ascending),
   * entry {@code e = entries[b * lanes + lane]} = i d + j with target {@code targets[b * lanes + lane]}, residual
   * {@code r = (sum_k U_ik V_jk - target) inv} (the fma chain over k), then {@code gu_ik = fma(r, V_jk, gu_ik)}, {@code
   * gv_jk = fma(r, U_ik, gv_jk)}. {@code us, vs} (d lanes each) and {@code rs} (lanes) are scratch.
   */
  static void batchGradient(double[] u, double[] v, int width, int l, int d, int s, int[] entries, double[] targets,
      double inv, double[] us, double[] vs, double[] rs, double[] gu, double[] gv) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int lanes = sp.length();
    java.util.Arrays.fill(gu, 0.0);
    java.util.Arrays.fill(gv, 0.0);
    for (int b = 0; b < s; b++) {
      for (int lane = 0; lane < lanes; lane++) {
        int e = entries[b * lanes + lane], i = e / d, j = e % d;
        for (int k = 0; k < d; k++) {
          us[k * lanes + lane] = u[(i * d + k) * width + l + lane];
          vs[k * lanes + lane] = v[(j * d + k) * width + l + lane];
        }
      }
      DoubleVector w = DoubleVector.zero(sp);
      for (int k = 0; k < d; k++) {
        w = DoubleVector.fromArray(sp, us, k * lanes).fma(DoubleVector.fromArray(sp, vs, k * lanes), w);
      }
      w.sub(DoubleVector.fromArray(sp, targets, b * lanes)).mul(inv).intoArray(rs, 0);
      for (int lane = 0; lane < lanes; lane++) {
        int e = entries[b * lanes + lane], i = e / d, j = e % d;
        double r = rs[lane];
        for (int k = 0; k < d; k++) {
          int gi = (i * d + k) * lanes + lane, gj = (j * d + k) * lanes + lane;
          gu[gi] = Math.fma(r, vs[k * lanes + lane], gu[gi]);
          gv[gj] = Math.fma(r, us[k * lanes + lane], gv[gj]);
        }
      }
    }
  }

  /** U, V of lane group l := {@code fma(g, -eta, x decay)} entry by entry, g from gu, gv ({@code [k * lanes]}). */
  static void descend(double[] u, double[] v, double[] gu, double[] gv, int width, int l, int entries, double eta,
      double decay) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int lanes = sp.length();
    DoubleVector neg = DoubleVector.broadcast(sp, -eta);
    for (int k = 0; k < entries; k++) {
      int at = k * width + l;
      DoubleVector.fromArray(sp, gu, k * lanes).fma(neg, DoubleVector.fromArray(sp, u, at).mul(decay)).intoArray(u, at);
      DoubleVector.fromArray(sp, gv, k * lanes).fma(neg, DoubleVector.fromArray(sp, v, at).mul(decay)).intoArray(v, at);
    }
  }
}
