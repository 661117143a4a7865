package org.sgdmc.theory;

import java.util.SplittableRandom;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;

/**
 * Reference values for the Lyapunov spectrum of {@code linear-d}, {@code v <- M v} with {@code M = I - (lr/S)
 * sum_j x_j x_j^T}: the cases where an exponent, or a sum of them, is the mean of a single step.
 *
 * <ul>
 *   <li><b>d = 1</b> ({@link #oneDimensional}): M is the scalar {@code 1 - lr q} of {@code linreg1d} (with x
 *       scaled by sigma: {@code lr -> lr sigma^2}), so {@code Lambda_1 = E log|1 - lr q|} exactly, from
 *       {@link Linreg1dTheory}.
 *   <li><b>Isotropic Gaussian data, the top exponent</b> ({@link #topExponentIsotropic}). For a product of
 *       i.i.d. random matrices the top exponent is in general <em>not</em> {@code E log|M e_1|}: the
 *       direction of {@code v_t} settles into a stationary law that favours expanding directions. But for
 *       x ~ N(0, s2 I) and any orthogonal O, Ox has the law of x, so {@code O^T M O} has the law of M. For a
 *       unit vector u = O e_1, {@code |M u| = |O^T M O e_1|}, which has the law of {@code |M e_1|}: the
 *       stretch of a step does not depend on the direction it acts on. Along a trajectory {@code log|v_t| =
 *       sum_s log|M_s u_{s-1}|} with {@code u_{s-1}} a function of {@code M_1 .. M_{s-1}} only, independent
 *       of {@code M_s}; so conditionally on the past every increment has the law of {@code log|M e_1|}: the
 *       increments are i.i.d. and {@code Lambda_1 = E log|M e_1|} exactly, with no transient at all. The
 *       step reduces to two numbers: with {@code U = (1/S) sum_j x_j1^2 ~ s2 chi^2_S / S} and, given the
 *       first coordinates, {@code (1/S) sum_j x_jc x_j1 ~ N(0, s2 U / S)} independently for c = 2..d,
 *       <pre>  |M e_1|^2 = (1 - lr U)^2 + (lr^2 s2 U / S) C,   C ~ chi^2_(d-1) independent of U,</pre>
 *       whose {@code E (1/2) log} is estimated by Monte Carlo with its standard error.
 *   <li><b>The sum of all d exponents</b> ({@link #logDetMean}), for any data: {@code L_1 + ... + L_d} is the
 *       log of the volume spanned by the images of {@code e_1 .. e_d}, i.e. {@code log|det(M_t ... M_1)| =
 *       sum_s log|det M_s|}, so {@code Lambda_1 + ... + Lambda_d = E log|det M|} exactly (again no
 *       transient). {@code det M = det(I_S - (lr/S) X X^T)} for the S x d batch matrix X (Sylvester), an S x S
 *       determinant when S < d. Exact for finite data with S = 1 ({@code (1/N) sum_i log|1 - lr |x_i|^2|}),
 *       Monte Carlo otherwise.
 * </ul>
 *
 * <p>Monte Carlo here uses {@link SplittableRandom} with a fixed seed, independent of the simulation's
 * Philox streams, so a simulation and its reference never share random numbers.
 */
public final class LinearDTheory {
  /** Seed of the Monte Carlo references, fixed so results are reproducible. */
  public static final long DEFAULT_SEED = 0x5EED_00D1L;
  /** Samples the Monte Carlo references take by default. */
  public static final long DEFAULT_SAMPLES = 400_000;

  private LinearDTheory() {}

  /** {@code Lambda_1} of a 1-D model, exact (quadrature, exact sum or enumeration); null unless d = 1. */
  public static Estimate oneDimensional(LinearD m) {
    if (m.dim() != 1) {
      return null;
    }
    return switch (m.data()) {
      case PointData.Gaussian g -> quadrature(m.lr() * g.variances()[0], m.batch());
      case PointData.CorrelatedGaussian g -> quadrature(m.lr() * g.covariance()[0][0], m.batch());
      case PointData.Finite f -> {
        double[][] p = f.points();
        double[] x = new double[p.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = p[i][0];
        }
        yield Linreg1dTheory.lyapunovFinite(m.lr(), x, m.batch(), m.withReplacement());
      }
    };
  }

  private static Estimate quadrature(double lrTimesVariance, int batch) {
    if (lrTimesVariance == 0) {
      return new Estimate(0.0, 0.0, Estimate.METHOD_QUADRATURE); // x = 0: M = 1
    }
    return new Estimate(Linreg1dTheory.lyapunovGaussian(lrTimesVariance, batch), 0.0, Estimate.METHOD_QUADRATURE);
  }

  /** Whether {@link #topExponentIsotropic} applies: Gaussian data with Sigma a multiple of the identity. */
  public static boolean isIsotropic(LinearD m) {
    return m.data() instanceof PointData.Gaussian g && g.isIsotropic();
  }

  /** {@link #topExponentIsotropic(double, double, int, int, long, long)} for an isotropic model. */
  public static Estimate topExponentIsotropic(LinearD m, long samples, long seed) {
    if (!isIsotropic(m)) {
      throw new IllegalArgumentException("Lambda_1 = E log|M e_1| needs isotropic Gaussian data, not " + m.data().describe());
    }
    PointData.Gaussian g = (PointData.Gaussian) m.data();
    return topExponentIsotropic(m.lr(), g.variances()[0], m.dim(), m.batch(), samples, seed);
  }

  /**
   * {@code Lambda_1 = E log|M e_1|} for x ~ N(0, variance I_d), batch S: Monte Carlo of {@code (1/2) log((1 -
   * lr U)^2 + (lr^2 variance U / S) C)} (see the class comment) with its standard error.
   */
  public static Estimate topExponentIsotropic(double lr, double variance, int d, int batch, long samples, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Welford acc = new Welford();
    double off = lr * lr * variance / batch;
    for (long n = 0; n < samples; n++) {
      double u = variance * chiSquare(rng, batch) / batch;
      double c = chiSquare(rng, d - 1);
      double a = 1 - lr * u;
      double y = 0.5 * Math.log(a * a + off * u * c);
      if (y == Double.NEGATIVE_INFINITY) {
        return new Estimate(Double.NEGATIVE_INFINITY, 0.0, Estimate.METHOD_MONTE_CARLO_PLAIN);
      }
      acc.add(y);
    }
    return new Estimate(acc.mean, acc.stderr(), Estimate.METHOD_MONTE_CARLO_PLAIN);
  }

  private static double chiSquare(SplittableRandom rng, int dof) {
    double s = 0;
    for (int i = 0; i < dof; i++) {
      double z = rng.nextGaussian();
      s += z * z;
    }
    return s;
  }

  /**
   * Most batches {@link #logDetMean} enumerates exactly for finite data; fewer when a batch's determinant is
   * dear: at most {@link #DETERMINANT_ENUMERATION_WORK} multiply-adds in all (about a second).
   */
  public static final long DETERMINANT_ENUMERATION_LIMIT = 2_000_000;
  /** The multiply-adds an exact enumeration may spend. */
  static final double DETERMINANT_ENUMERATION_WORK = 1e9;

  /** Batches an enumeration may visit at batch S and dimension d. */
  static long enumerationLimit(int batch, int d, long limit) {
    int m = Math.min(batch, d);
    double cost = (double) batch * d * m + (double) m * m * m;
    return (long) Math.min(limit, DETERMINANT_ENUMERATION_WORK / cost);
  }

  /**
   * The number of equally likely batches of a finite dataset: C(N, S) subsets without replacement, N^S ordered
   * draws with replacement; {@code Long.MAX_VALUE} past the long range or for data drawn fresh.
   */
  public static long batchCount(LinearD m) {
    if (!(m.data() instanceof PointData.Finite f)) {
      return Long.MAX_VALUE;
    }
    long n = f.size();
    double c = 1;
    for (int j = 0; j < m.batch(); j++) {
      c = m.withReplacement() ? c * n : c * (n - j) / (j + 1);
    }
    return c >= 9.0e18 ? Long.MAX_VALUE : Math.round(c);
  }

  /** Whether {@link #logDetMean} is exact for {@code m}: finite data with at most {@code limit} batches. */
  public static boolean logDetIsExact(LinearD m, long limit) {
    return m.data() instanceof PointData.Finite
        && (m.batch() == 1 || batchCount(m) <= enumerationLimit(m.batch(), m.dim(), limit));
  }

  /**
   * {@code E log|det M|} = {@code Lambda_1 + ... + Lambda_d}: exact for finite data with S = 1 (a sum over the
   * points) or with at most {@link #DETERMINANT_ENUMERATION_LIMIT} batches and work (every S-subset, or every ordered
   * S-tuple with replacement, each equally likely: {@link Estimate#METHOD_EXACT_ENUMERATION}), else Monte
   * Carlo over batches drawn as the simulation draws them (with its standard error).
   */
  public static Estimate logDetMean(LinearD m, long samples, long seed) {
    double lr = m.lr();
    int s = m.batch();
    int d = m.dim();
    if (m.data() instanceof PointData.Finite f && s > 1
        && batchCount(m) <= enumerationLimit(s, d, DETERMINANT_ENUMERATION_LIMIT)) {
      return logDetEnumerated(lr, f.points(), s, m.withReplacement());
    }
    if (m.data() instanceof PointData.Finite f && s == 1) {
      double sum = 0;
      for (double[] x : f.points()) {
        double sq = 0;
        for (double v : x) {
          sq += v * v;
        }
        sum += Math.log(Math.abs(1 - lr * sq));
      }
      return new Estimate(sum / f.size(), 0.0, Estimate.METHOD_EXACT_SUM);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[s][d];
    int n = m.data() instanceof PointData.Finite f ? (int) f.size() : 0;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double[][] points = m.data() instanceof PointData.Finite f ? f.points() : null;
    double[] scales = m.data() instanceof PointData.Gaussian g ? g.scales() : null;
    double[][] factor = m.data() instanceof PointData.CorrelatedGaussian g ? g.factor() : null;
    double[] z = new double[d];
    Welford acc = new Welford();
    for (long k = 0; k < samples; k++) {
      switch (m.data()) {
        case PointData.Gaussian g -> {
          for (double[] row : x) {
            for (int c = 0; c < d; c++) {
              row[c] = scales[c] * rng.nextGaussian();
            }
          }
        }
        case PointData.CorrelatedGaussian g -> {
          for (double[] row : x) {
            for (int c = 0; c < d; c++) {
              z[c] = rng.nextGaussian();
            }
            for (int c = 0; c < d; c++) {
              double acc2 = 0;
              for (int e = 0; e <= c; e++) {
                acc2 += factor[c][e] * z[e];
              }
              row[c] = acc2;
            }
          }
        }
        case PointData.Finite f -> {
          for (int j = 0; j < s; j++) {
            int pick;
            if (m.withReplacement()) {
              pick = rng.nextInt(n);
            } else { // partial Fisher-Yates: the first S slots are a uniform S-subset
              int r = j + rng.nextInt(n - j);
              int t = perm[j];
              perm[j] = perm[r];
              perm[r] = t;
              pick = perm[j];
            }
            System.arraycopy(points[pick], 0, x[j], 0, d);
          }
        }
      }
      double y = logAbsDetOfStep(lr, x);
      if (y == Double.NEGATIVE_INFINITY) {
        return new Estimate(Double.NEGATIVE_INFINITY, 0.0, Estimate.METHOD_MONTE_CARLO_PLAIN);
      }
      acc.add(y);
    }
    return new Estimate(acc.mean, acc.stderr(), Estimate.METHOD_MONTE_CARLO_PLAIN);
  }

  /**
   * The mean of {@code log|det M|} over every batch: the S-subsets of the points in lexicographic order
   * (without replacement) or all N^S ordered S-tuples (with replacement), each equally likely. -infinity when
   * some batch makes M singular.
   */
  static Estimate logDetEnumerated(double lr, double[][] points, int batch, boolean withReplacement) {
    int n = points.length;
    int[] idx = new int[batch];
    for (int j = 0; j < batch; j++) {
      idx[j] = withReplacement ? 0 : j;
    }
    double[][] x = new double[batch][];
    double sum = 0;
    long count = 0;
    while (true) {
      for (int j = 0; j < batch; j++) {
        x[j] = points[idx[j]];
      }
      double y = logAbsDetOfStep(lr, x);
      if (y == Double.NEGATIVE_INFINITY) {
        return new Estimate(Double.NEGATIVE_INFINITY, 0.0, Estimate.METHOD_EXACT_ENUMERATION);
      }
      sum += y;
      count++;
      int j = batch - 1; // the next tuple (odometer) or subset (lexicographic)
      while (j >= 0 && idx[j] == (withReplacement ? n - 1 : n - batch + j)) {
        j--;
      }
      if (j < 0) {
        break;
      }
      idx[j]++;
      for (int k = j + 1; k < batch; k++) {
        idx[k] = withReplacement ? 0 : idx[k - 1] + 1;
      }
    }
    return new Estimate(sum / count, 0.0, Estimate.METHOD_EXACT_ENUMERATION);
  }

  /** {@code log|det(I_d - (lr/S) sum_j x_j x_j^T)|} for the S rows of x, via the smaller of the two determinants. */
  static double logAbsDetOfStep(double lr, double[][] x) {
    int s = x.length;
    int d = x[0].length;
    double f = lr / s;
    if (s < d) {
      double[][] a = new double[s][s];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++) {
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += x[i][c] * x[j][c];
          }
          a[i][j] = (i == j ? 1 : 0) - f * dot;
        }
      }
      return logAbsDet(a);
    }
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double sum = 0;
        for (double[] row : x) {
          sum += row[i] * row[j];
        }
        a[i][j] = (i == j ? 1 : 0) - f * sum;
      }
    }
    return logAbsDet(a);
  }

  /** {@code log|det a|} by LU with partial pivoting (overwrites a); -inf for an exactly singular matrix. */
  static double logAbsDet(double[][] a) {
    int n = a.length;
    double log = 0;
    for (int col = 0; col < n; col++) {
      int p = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[p][col])) {
          p = r;
        }
      }
      double pivot = a[p][col];
      if (pivot == 0) {
        return Double.NEGATIVE_INFINITY;
      }
      double[] t = a[p];
      a[p] = a[col];
      a[col] = t;
      log += Math.log(Math.abs(pivot));
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / pivot;
        for (int c = col + 1; c < n; c++) {
          a[r][c] -= factor * a[col][c];
        }
      }
    }
    return log;
  }

  /** Streaming mean and variance (Welford), for Monte Carlo averages of many samples. */
  private static final class Welford {
    long n;
    double mean;
    double m2;

    void add(double y) {
      n++;
      double delta = y - mean;
      mean += delta / n;
      m2 += delta * (y - mean);
    }

    double stderr() {
      return n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.POSITIVE_INFINITY;
    }
  }
}
