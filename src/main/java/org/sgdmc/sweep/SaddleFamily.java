package org.sgdmc.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.stats.SaddlePhase;
import org.sgdmc.theory.ReshuffleEpochs;
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
 *
 * <p>Reshuffled finite cells ({@link Sampling#RESHUFFLE}, Gaussian data with n > 0) take each epoch's
 * batches in order from one permutation, as {@code simulate saddle --sampling reshuffle} does. Their exponents
 * are those without replacement (linearity over the epoch); the mean-square factor that splits phase I from
 * Ib is the epoch's, {@code E[A^2]^(1/K)}, enumerated per cell where the epoch has at most {@link
 * #EPOCH_ENUMERATION_LIMIT} partitions and NaN (phase I never refined to Ib) elsewhere. Two-point data and
 * n = 0 are drawn fresh each step, where the sampling mode has no effect.
 */
public final class SaddleFamily implements SweepFamily {
  /** Which law chi comes from. */
  public enum Kind {
    GAUSSIAN,
    TWO_POINT
  }

  /** Most epoch partitions a reshuffled cell's mean-square factor may enumerate (NaN above). */
  static final long EPOCH_ENUMERATION_LIMIT = 20_000;

  private final Kind kind;
  private final Sampling sampling;
  private final boolean withReplacement;
  private final long dataSeed;

  public SaddleFamily(Kind kind, boolean withReplacement, long dataSeed) {
    this(kind, Sampling.of(withReplacement), dataSeed);
  }

  public SaddleFamily(Kind kind, Sampling sampling, long dataSeed) {
    this.kind = kind;
    this.sampling = sampling;
    this.withReplacement = sampling.withReplacement();
    this.dataSeed = dataSeed;
  }

  @Override
  public Sampling sampling() {
    return sampling;
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
    return new Saddle(p.get("lr"), Linreg1dFamily.whole(p, "batch", 1), data(p), sampling, 1.0, 0.5);
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
    double ms = meanSquareMinus(m);
    PhaseClassifier.Classification c = PhaseClassifier.classify(lambda[0], stderr[0], lambda[1], stderr[1], ms);
    return c.confidence() >= PhaseClassifier.CERTAIN ? c.phase().code : SaddlePhase.UNDETERMINED.code;
  }

  /** E[(1 - lr chib)^2] a step, or under reshuffling the epoch's E[A^2]^(1/K) (NaN past the limit). */
  private static double meanSquareMinus(Saddle m) {
    if (!m.reshuffled()) {
      return SaddleTheory.meanSquareFactor(m.lr(), -1, m.data(), m.batch(), m.withReplacement());
    }
    double[] chi = ((SaddleData.Finite) m.data()).chi();
    if (chi.length > 62 || ReshuffleEpochs.count(chi.length, m.batch()) > EPOCH_ENUMERATION_LIMIT) {
      return Double.NaN;
    }
    return SaddleTheory.meanSquareFactorReshuffled(m.lr(), -1, chi, m.batch());
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
    return new FiniteSource(seed, batch, d.x(), d.y(), sampling);
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
    private final Sampling sampling;

    FiniteSource(long seed, int batch, double[] x, double[] eps, Sampling sampling) {
      this.seed = seed;
      this.batch = batch;
      this.sampling = sampling;
      xx = new double[x.length];
      xe = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xx[i] = x[i] * x[i];
        xe[i] = x[i] * eps[i];
      }
    }

    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      FiniteBatchSampler sampler = new FiniteBatchSampler(xx, batch, sampling, width);
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
