package org.sgdmc.models;

import java.util.Locale;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.Transcendentals;

/**
 * A finite dataset of n points in d dimensions and a per-sample loss whose gradients at a fixed theta are the
 * raw material of minibatch noise (seed 004, sec. 1.8): the minibatch gradient is the mean of B of them.
 *
 * @param loss which per-sample loss
 * @param x the inputs, [point][coordinate]
 * @param y the labels (+1 or -1 for the logistic loss)
 * @param source a short description of where the data came from
 */
public record PointGradients(Loss loss, double[][] x, double[] y, String source) {
  /** The per-sample losses. */
  public enum Loss {
    /** Least squares {@code l = (x.theta - y)^2 / 2}, gradient {@code (x.theta - y) x}: linear in theta. */
    LINREG("linreg"),
    /**
     * Logistic regression, labels +-1, {@code l = ln(1 + exp(-y x.theta))}, gradient {@code -y x s(-y x.theta)},
     * s the logistic sigmoid: a nonlinear model whose noise covariance is not quadratic in theta.
     */
    LOGISTIC("logistic");

    private final String label;

    Loss(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Loss parse(String s) {
      for (Loss l : values()) {
        if (l.label.equals(s.toLowerCase(Locale.ROOT))) {
          return l;
        }
      }
      throw new IllegalArgumentException("unknown model '" + s + "' (expected linreg or logistic)");
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public PointGradients {
    if (x.length < 2) {
      throw new IllegalArgumentException("the dataset needs at least 2 points, not " + x.length);
    }
    if (y.length != x.length) {
      throw new IllegalArgumentException(x.length + " inputs but " + y.length + " labels");
    }
    int d = x[0].length;
    if (d < 1) {
      throw new IllegalArgumentException("the inputs need at least one coordinate");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("point " + (i + 1) + " has " + x[i].length + " coordinates, not " + d);
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("point " + (i + 1) + " has a non-finite coordinate");
        }
      }
      if (!Double.isFinite(y[i]) || (loss == Loss.LOGISTIC && Math.abs(y[i]) != 1)) {
        throw new IllegalArgumentException("label " + (i + 1) + " is " + y[i]
            + (loss == Loss.LOGISTIC ? "; the logistic loss needs labels +1 or -1" : "; labels must be finite"));
      }
    }
  }

  /**
   * n points with x ~ N(0, I_d) and a teacher {@code w* = (1, ..., 1)}: {@code y = x.w* + sigma eps} (linreg) or
   * {@code y = sign(x.w* + sigma eps)} (logistic; sigma > 0 makes the data not separable), eps ~ N(0, 1). Point
   * i's coordinates are normals {@code i (d + 1) ..} of the {@link Stream#DATASET} stream of trajectory 0, its
   * label noise the next one.
   */
  public static PointGradients generated(Loss loss, int n, int d, double sigma, long dataSeed) {
    if (n < 2 || d < 1) {
      throw new IllegalArgumentException("a generated dataset needs n >= 2 points and d >= 1 coordinates, not n = "
          + n + ", d = " + d);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("the label noise sigma must be a finite number >= 0, not " + sigma);
    }
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      long k0 = (long) i * (d + 1);
      double teacher = 0;
      for (int j = 0; j < d; j++) {
        x[i][j] = Draws.normal(dataSeed, Stream.DATASET, 0, k0 + j);
        teacher += x[i][j];
      }
      double label = teacher + sigma * Draws.normal(dataSeed, Stream.DATASET, 0, k0 + d);
      y[i] = loss == Loss.LINREG ? label : (label >= 0 ? 1 : -1);
    }
    return new PointGradients(loss, x, y, String.format(Locale.ROOT, "%d Gaussian points in %d dimensions, "
        + "teacher (1, ..., 1), sigma = %s, data seed %d", n, d, sigma, dataSeed));
  }

  public int size() {
    return x.length;
  }

  public int dim() {
    return x[0].length;
  }

  /** The per-sample gradients at theta, [point][coordinate]. */
  public double[][] gradients(double[] theta) {
    if (theta.length != dim()) {
      throw new IllegalArgumentException("theta has " + theta.length + " coordinates; the data have " + dim());
    }
    double[][] g = new double[size()][dim()];
    for (int i = 0; i < size(); i++) {
      double dot = 0;
      for (int j = 0; j < dim(); j++) {
        dot += x[i][j] * theta[j];
      }
      double scale = switch (loss) {
        case LINREG -> dot - y[i];
        case LOGISTIC -> -y[i] * sigmoid(-y[i] * dot);
      };
      for (int j = 0; j < dim(); j++) {
        g[i][j] = scale * x[i][j];
      }
    }
    return g;
  }

  /** {@code 1 / (1 + e^-z)}, without overflow for large |z|. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Transcendentals.exp(-z));
    }
    double e = Transcendentals.exp(z);
    return e / (1 + e);
  }

  public String describe() {
    return loss + " on " + source;
  }
}
