package org.sgdmc.models;

import java.util.Arrays;

/** Where a model's inputs x come from: a distribution sampled afresh every step, or a fixed finite dataset. */
public sealed interface FeatureData {

  /** Number of points, or {@link Long#MAX_VALUE} for a distribution (N = infinity). */
  long size();

  /** E[x^2] over the data (the mean Hessian of the 1-D squared loss). */
  double secondMoment();

  /** E[x^4] over the data. */
  double fourthMoment();

  /** Largest x^2 the data can produce in one draw (bounds one SGD factor, see the kernels). */
  double maxSquare();

  /** A short description for files and tables, e.g. {@code gaussian} or {@code finite N=100 (generated)}. */
  String describe();

  /**
   * x ~ N(0, 1) drawn fresh every step (N = infinity). The sampler's normals come from Box-Muller on 52-bit
   * uniforms, so |x| <= sqrt(104 ln 2) = 8.49 and x^2 <= 72.1.
   */
  record Gaussian() implements FeatureData {
    /** The largest square Box-Muller can produce from a uniform in (0, 1] with spacing 2^-52: -2 ln 2^-52. */
    public static final double MAX_SQUARE = 104 * Math.log(2);

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public double secondMoment() {
      return 1.0;
    }

    @Override
    public double fourthMoment() {
      return 3.0;
    }

    @Override
    public double maxSquare() {
      return MAX_SQUARE;
    }

    @Override
    public String describe() {
      return "gaussian";
    }
  }

  /** A fixed dataset x_1..x_N shared by all trajectories; {@code source} says where it came from. */
  record Finite(double[] x, String source) implements FeatureData {
    public Finite {
      if (x.length == 0) {
        throw new IllegalArgumentException("the dataset is empty");
      }
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i])) {
          throw new IllegalArgumentException("data point " + (i + 1) + " of " + source + " is not a finite number");
        }
      }
      x = x.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    /** The squares x_i^2, which is all the 1-D regression needs. */
    public double[] squares() {
      double[] sq = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        sq[i] = x[i] * x[i];
      }
      return sq;
    }

    @Override
    public long size() {
      return x.length;
    }

    @Override
    public double secondMoment() {
      double s = 0;
      for (double v : x) {
        s += v * v;
      }
      return s / x.length;
    }

    @Override
    public double fourthMoment() {
      double s = 0;
      for (double v : x) {
        s += v * v * v * v;
      }
      return s / x.length;
    }

    @Override
    public double maxSquare() {
      double m = 0;
      for (double v : x) {
        m = Math.max(m, v * v);
      }
      return m;
    }

    @Override
    public String describe() {
      return "finite N=" + x.length + " (" + source + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Finite f && Arrays.equals(x, f.x) && source.equals(f.source);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(x) * 31 + source.hashCode();
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
