package org.sgdmc.kernels;

import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;

/**
 * The per-step arithmetic of {@link Linreg1dTails} shared by its vector kernel and scalar twin: the
 * constants, precomputed once, and the scalar forms of each update. The vector kernel repeats these
 * expressions lane-wise, operation for operation.
 *
 * <p>Snapshots follow {@link StationaryBlock}: |u|, u itself, and ln |a_{t-1} ... a_0|. A trajectory whose
 * |u| left 10^300, or became non-finite, has diverged: both u channels report +infinity.
 */
final class TailsStep {
  /** Beyond this |u| a trajectory counts as diverged. */
  static final double DIVERGED = 1e300;

  final double negLr;
  /** lr sigma (stream) or lr (finite data): b_t = this * (sum of x e) / S. */
  final double offsetScale;
  final double batch;
  final double contraction;
  /** Gaussian model: per-sample gradient variance A u^2 - 2 B u + C. */
  final double varA;
  final double varTwoB;
  final double varC;
  /** The Gaussian model's Euler-Maruyama substep: drift factor {@code 1 - (lr/l) m2}, noise scale {@code lr sqrt(f/l)}. */
  final double emContraction;
  final double lrRootF;
  /** l, the Gaussian model's Euler-Maruyama substeps per step. */
  final int substeps;
  final double spread;
  final double constantAmplitude;
  final double stableScale;
  /** x_i^2 and x_i e_i of a finite dataset; null for the stream. */
  final double[] squares;
  final double[] products;
  private final Linreg1dTails model;

  TailsStep(Linreg1dTails model) {
    this.model = model;
    LabelledData data = model.data();
    this.squares = data instanceof LabelledData.Finite f ? f.squares() : null;
    this.products = data instanceof LabelledData.Finite f ? f.products() : null;
    double lr = model.lr();
    this.negLr = -lr;
    this.offsetScale = data instanceof LabelledData.Stream s ? lr * s.sigma() : lr;
    this.batch = model.batch();
    this.contraction = model.contraction();
    this.varA = data.squareVariance();
    this.varTwoB = 2 * data.cubicResidualMoment();
    this.varC = data.gradientVarianceAtMinimum();
    double f = model.samplingFactor();
    this.emContraction = model.substepContraction();
    this.lrRootF = model.substepNoiseScale();
    this.substeps = model.substeps();
    this.spread = model.gaussianFactorSpread();
    this.constantAmplitude = lr * Math.sqrt(varC * f);
    this.stableScale = model.noise() == NoiseModel.STABLE ? model.stableStepScale() : Double.NaN;
  }

  /** a = 1 - lr q with q = sumSq / S. */
  double factor(double sumSq) {
    return Math.fma(sumSq / batch, negLr, 1.0);
  }

  /** b = offsetScale * (sumXe / S). */
  double offset(double sumXe) {
    return offsetScale * (sumXe / batch);
  }

  /**
   * The Gaussian model's Euler-Maruyama substep: {@code c_h u + lr sqrt(f/l) sqrt(max(0, A u^2 - 2 B u + C)) xi},
   * {@code c_h = 1 - (lr/l) m2} (l = 1: SGD's own step, dt = lr).
   */
  double gaussian(double u, double xi) {
    double v = Math.max(Math.fma(Math.fma(varA, u, -varTwoB), u, varC), 0.0);
    return Math.fma(emContraction, u, lrRootF * Math.sqrt(v) * xi);
  }

  /** The Gaussian substep's asymptotic factor {@code c_h + lr sqrt(A f / l) xi}. */
  double gaussianFactor(double xi) {
    return Math.fma(spread, xi, emContraction);
  }

  /**
   * A batch sampler of the finite dataset for a block {@code width} trajectories wide (one per block: it keeps
   * scratch, and when reshuffled each lane's permutation), or null for the stream.
   */
  FiniteBatchSampler newSampler(int width) {
    return squares == null ? null : new FiniteBatchSampler(squares.length, model.batch(), model.sampling(), width);
  }

  /** Writes the {@link StationaryBlock} channels of a block whose state is u and the log-scaled factor product. */
  static void snapshot(double[] u, double[] mant, long[] exp, double[] out) {
    int width = u.length;
    for (int i = 0; i < width; i++) {
      double v = reported(u[i]);
      out[StationaryBlock.NORM * width + i] = Math.abs(v);
      out[StationaryBlock.COORDINATE * width + i] = v;
      out[StationaryBlock.LOG_FACTOR * width + i] = LogScaled.log(mant[i], exp[i]);
    }
  }

  /** u as reported: +infinity once diverged, never NaN. */
  static double reported(double u) {
    return Math.abs(u) <= DIVERGED ? u : Double.POSITIVE_INFINITY;
  }
}
