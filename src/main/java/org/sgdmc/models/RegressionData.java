package org.sgdmc.models;

import java.util.Arrays;

/**
 * A finite dataset of N pairs (x_i, y_i), the training or the test set of a two-layer net.
 *
 * @param x inputs
 * @param y labels, as many as inputs
 * @param source where it came from, for files and tables
 */
public record RegressionData(double[] x, double[] y, String source) {
  public RegressionData {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("a dataset needs as many labels as inputs, at least one: "
          + x.length + " inputs, " + y.length + " labels");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + (i + 1) + " of " + source + " is not finite");
      }
    }
    x = x.clone();
    y = y.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  /** N. */
  public int size() {
    return x.length;
  }

  /** x_i, without copying the array. */
  public double x(int i) {
    return x[i];
  }

  /** y_i, without copying the array. */
  public double y(int i) {
    return y[i];
  }

  /** The mean of y^2 / 2: the loss of the zero function, i.e. of the saddle at the origin. */
  public double halfMeanSquareLabel() {
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return 0.5 * s / y.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegressionData d && Arrays.equals(x, d.x) && Arrays.equals(y, d.y) && source.equals(d.source);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(x) * 31 + Arrays.hashCode(y)) * 31 + source.hashCode();
  }

  @Override
  public String toString() {
    return "N=" + x.length + " (" + source + ")";
  }
}
