package org.sgdmc.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.stats.SaddlePhase;
import org.sgdmc.theory.SaddleTheory;

/**
 * The rank-0 saddle (seed 002, Sec. 4.2) as a sweep family: exponents of h = w + u (factor 1 + lr chi_bar)
 * and m = w - u (factor 1 - lr chi_bar), and the phases I, Ib, II, III, IV.
 *
 * <p>Gaussian data (`--data gaussian`, parameters lr, mu, batch, n): chi_bar = mu A + (1 - mu) B with A and B
 * the batch means of x^2 and x eps, eps ~ N(0, 4); x and eps/2 are the two halves of one Box-Muller pair, as
 * in the simulate kernel. For n > 0 the dataset (x_i, eps_i) is generated once from the data seed; its x and
 * eps do not depend on mu, so mu still shares draws. Two-point data (`--data two-point`, parameters lr, a,
 * batch): chi_bar = A + a B with A, B the shares of 1s and of a's in the batch.
 */
public final class SaddleFamily implements SweepFamily {
  /** Which law chi comes from. */
  public enum Kind {
    GAUSSIAN,
    TWO_POINT
  }

  private final Kind kind;
  private final boolean withReplacement;
  private final long dataSeed;

  public SaddleFamily(Kind kind, boolean withReplacement, long dataSeed) {
    this.kind = kind;
    this.withReplacement = withReplacement;
    this.dataSeed = dataSeed;
  }

  @Override
  public String model() {
    return "saddle";
  }

  @Override
  public List<String> parameters() {
    return kind == Kind.GAUSSIAN ? List.of("lr", "mu", "batch", "n") : List.of("lr", "a", "batch");
  }

  @Override
  public Map<String, Double> defaults() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("lr", 1.0);
    d.put("batch", 1.0);
    if (kind == Kind.GAUSSIAN) {
      d.put("mu", 0.06);
      d.put("n", 0.0);
    } else {
      d.put("a", -0.5);
    }
    return d;
  }

  @Override
  public List<String> streamParameters() {
    return kind == Kind.GAUSSIAN ? List.of("batch", "n") : List.of("batch");
  }

  @Override
  public int exponents() {
    return 2;
  }

  @Override
  public List<String> exponentNames() {
    return List.of("lyapunov_plus", "lyapunov_minus");
  }

  SaddleData data(Map<String, Double> p) {
    if (kind == Kind.TWO_POINT) {
      return new SaddleData.TwoPoint(p.get("a"));
    }
    int n = Linreg1dFamily.whole(p, "n", 0);
    return n == 0 ? new SaddleData.Gaussian(p.get("mu")) : Datasets.saddleGaussian(n, p.get("mu"), dataSeed);
  }

  Saddle model(Map<String, Double> p) {
    return new Saddle(p.get("lr"), Linreg1dFamily.whole(p, "batch", 1), data(p), withReplacement, 1.0, 0.5);
  }

  @Override
  public void validate(Map<String, Double> params) {
    model(params);
  }

  @Override
  public void factors(Map<String, Double> p, double[] c1, double[] c2) {
    double lr = p.get("lr");
    double alpha = kind == Kind.GAUSSIAN ? p.get("mu") : 1.0;
    double beta = kind == Kind.GAUSSIAN ? 1.0 - p.get("mu") : p.get("a");
    c1[0] = lr * alpha; // h = w + u: 1 + lr chi
    c2[0] = lr * beta;
    c1[1] = -lr * alpha; // m = w - u: 1 - lr chi
    c2[1] = -lr * beta;
  }

  @Override
  public double[] theory(Map<String, Double> p) {
    Saddle m = model(p);
    double plus = SaddleTheory.lyapunov(m.lr(), +1, m.data(), m.batch(), withReplacement).value();
    double minus = SaddleTheory.lyapunov(m.lr(), -1, m.data(), m.batch(), withReplacement).value();
    return new double[] {plus, minus};
  }

  @Override
  public int phase(Map<String, Double> p, double[] lambda, double[] stderr) {
    Saddle m = model(p);
    double ms = SaddleTheory.meanSquareFactor(m.lr(), -1, m.data(), m.batch(), withReplacement);
    PhaseClassifier.Classification c = PhaseClassifier.classify(lambda[0], stderr[0], lambda[1], stderr[1], ms);
    return c.confidence() >= PhaseClassifier.CERTAIN ? c.phase().code : SaddlePhase.UNDETERMINED.code;
  }

  @Override
  public List<String> phaseNames() {
    return List.of(SaddlePhase.names());
  }

  @Override
  public CoefficientSource source(Map<String, Double> stream, long seed) {
    int batch = Linreg1dFamily.whole(stream, "batch", 1);
    if (kind == Kind.TWO_POINT) {
      return new TwoPointSource(seed, batch);
    }
    int n = Linreg1dFamily.whole(stream, "n", 0);
    if (n == 0) {
      return new GaussianSource(seed, batch);
    }
    SaddleData.Finite d = Datasets.saddleGaussian(n, 0.0, dataSeed); // y = 2 z: eps, independent of mu
    return new FiniteSource(seed, batch, d.x(), d.y(), withReplacement);
  }

  /** A = batch mean of x^2, B = batch mean of x eps (eps = 2 z), from one Box-Muller pair per batch element. */
  private record GaussianSource(long seed, int batch) implements CoefficientSource {
    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      int segment = Math.max(1, 32 / batch);
      long[] bits = new long[2 * segment * batch * width];
      double[] normals = new double[2 * segment * batch * width];
      for (int t0 = 0; t0 < steps; t0 += segment) {
        int count = Math.min(segment, steps - t0);
        long e0 = (long) t0 * batch; // batch element e uses normals 2e (x) and 2e + 1 (eps / 2): block e
        VectorDraws.normals(seed, Stream.DATA.id, traj0, width, e0, count * batch, bits, normals);
        for (int t = 0; t < count; t++) {
          for (int j = 0; j < width; j++) {
            double sx = 0, sxe = 0;
            for (int k = 0; k < batch; k++) {
              int row = 2 * (t * batch + k) * width;
              double x = normals[row + j];
              double eps = SaddleData.Gaussian.NOISE_SD * normals[row + width + j];
              sx += x * x;
              sxe += x * eps;
            }
            a[(t0 + t) * width + j] = sx / batch;
            b[(t0 + t) * width + j] = sxe / batch;
          }
        }
      }
    }

    @Override
    public double maxAbsA() {
      return FeatureData.Gaussian.MAX_SQUARE;
    }

    @Override
    public double maxAbsB() {
      return FeatureData.Gaussian.MAX_SQUARE; // |x eps| = 2 r^2 |cos sin| <= r^2
    }
  }

  /** A = share of 1s, B = share of a's: batch element e is a when the top bit of DATA draw e is set. */
  private record TwoPointSource(long seed, int batch) implements CoefficientSource {
    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      int segment = Math.max(1, 64 / batch);
      long[] bits = new long[(segment * batch + 2) * width];
      for (int t0 = 0; t0 < steps; t0 += segment) {
        int count = Math.min(segment, steps - t0);
        long k0 = (long) t0 * batch;
        long block0 = k0 >>> 1, block1 = (k0 + (long) count * batch + 1) >>> 1;
        Philox4x32Vector.fillBits(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, 0);
        int row0 = (int) (k0 - 2 * block0);
        for (int t = 0; t < count; t++) {
          for (int j = 0; j < width; j++) {
            int as = 0;
            for (int k = 0; k < batch; k++) {
              if (bits[(row0 + t * batch + k) * width + j] < 0) {
                as++;
              }
            }
            a[(t0 + t) * width + j] = (batch - as) / (double) batch;
            b[(t0 + t) * width + j] = as / (double) batch;
          }
        }
      }
    }

    @Override
    public double maxAbsA() {
      return 1;
    }

    @Override
    public double maxAbsB() {
      return 1;
    }
  }

  /** A, B: batch means of x_i^2 and x_i eps_i over a minibatch of the fixed dataset (Stream.BATCH). */
  private static final class FiniteSource implements CoefficientSource {
    private final long seed;
    private final int batch;
    private final double[] xx, xe;
    private final boolean withReplacement;

    FiniteSource(long seed, int batch, double[] x, double[] eps, boolean withReplacement) {
      this.seed = seed;
      this.batch = batch;
      this.withReplacement = withReplacement;
      xx = new double[x.length];
      xe = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xx[i] = x[i] * x[i];
        xe[i] = x[i] * eps[i];
      }
    }

    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      FiniteBatchSampler sampler = new FiniteBatchSampler(xx, batch, withReplacement);
      FiniteBatches.forEach(seed, batch, sampler, traj0, width, steps, (t, j, picks) -> {
        double sa = 0, sb = 0;
        for (int p : picks) {
          sa += xx[p];
          sb += xe[p];
        }
        a[t * width + j] = sa / batch;
        b[t * width + j] = sb / batch;
      });
    }

    @Override
    public double maxAbsA() {
      double m = 0;
      for (double v : xx) {
        m = Math.max(m, Math.abs(v));
      }
      return m;
    }

    @Override
    public double maxAbsB() {
      double m = 0;
      for (double v : xe) {
        m = Math.max(m, Math.abs(v));
      }
      return m;
    }
  }
}
