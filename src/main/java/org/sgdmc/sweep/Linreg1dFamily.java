package org.sgdmc.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.theory.BatchMeanLaw;
import org.sgdmc.theory.DataMoments;
import org.sgdmc.theory.Linreg1dTheory;
import org.sgdmc.theory.ReshuffleEpochs;

/**
 * linreg1d as a sweep family. Parameters: {@code lr}, {@code batch} (S), {@code n} (dataset size; 0 means
 * Gaussian data afresh each step) and {@code outlier} (x_1^2 = C of a generated dataset; negative: keep the
 * generated x_1). The factor is {@code 1 - lr q}; with finite data {@code q = C A + B}, A the share of point 1
 * in the batch and B the batch's sum of the other squares over S, so the outlier axis shares draws too.
 * Gaussian cells draw exactly the numbers {@code sgdmc simulate linreg1d} draws (Stream.DATA normal squares).
 *
 * <p>Reshuffled finite cells ({@link Sampling#RESHUFFLE}) take each epoch's batches in order from one
 * permutation, the same batches {@code simulate linreg1d --sampling reshuffle} takes. Their exponent is the one
 * without replacement (each batch of an epoch is alone a uniform S-subset: {@code theory.ReshuffleEpochs});
 * their {@code lr_mean_square} is the epoch's, the first root of {@code E[A^2] = 1} with A the epoch's
 * product, where its partitions are few enough to enumerate per cell, NaN elsewhere.
 */
public final class Linreg1dFamily implements SweepFamily {
  /** Most batches a finite-data theory value may enumerate per cell before the grid skips it. */
  static final long THEORY_ENUMERATION_LIMIT = 20_000;

  /** Most epoch partitions the reshuffled mean-square threshold may enumerate per cell (NaN above). */
  static final long EPOCH_ENUMERATION_LIMIT = 20_000;

  private final Sampling sampling;
  private final boolean withReplacement;
  private final long dataSeed;

  public Linreg1dFamily(boolean withReplacement, long dataSeed) {
    this(Sampling.of(withReplacement), dataSeed);
  }

  public Linreg1dFamily(Sampling sampling, long dataSeed) {
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
    return "linreg1d";
  }

  @Override
  public List<String> parameters() {
    return List.of("lr", "batch", "n", "outlier");
  }

  @Override
  public Map<String, Double> defaults() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("lr", 0.5);
    d.put("batch", 1.0);
    d.put("n", 0.0);
    d.put("outlier", -1.0);
    return d;
  }

  @Override
  public List<String> streamParameters() {
    return List.of("batch", "n");
  }

  @Override
  public int exponents() {
    return 1;
  }

  @Override
  public List<String> exponentNames() {
    return List.of("lyapunov");
  }

  /** The model of a cell (validates it). */
  Linreg1d model(Map<String, Double> p) {
    int n = whole(p, "n", 0);
    int batch = whole(p, "batch", 1);
    double outlier = p.get("outlier");
    if (n == 0 && outlier >= 0) {
      throw new IllegalArgumentException("--outlier needs a finite dataset (--n N)");
    }
    FeatureData data = n == 0 ? new FeatureData.Gaussian() : dataset(n, outlier);
    return new Linreg1d(p.get("lr"), batch, data, sampling, 1.0);
  }

  private FeatureData.Finite dataset(int n, double outlier) {
    return Datasets.gaussian(n, outlier >= 0 ? outlier : null, dataSeed);
  }

  static int whole(Map<String, Double> p, String name, int min) {
    double v = p.get(name);
    if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be a whole number >= " + min + ", not " + v);
    }
    return (int) v;
  }

  @Override
  public void validate(Map<String, Double> params) {
    model(params);
  }

  @Override
  public void factors(Map<String, Double> p, double[] c1, double[] c2) {
    double lr = p.get("lr");
    if (whole(p, "n", 0) == 0) {
      c1[0] = -lr;
      c2[0] = 0.0;
    } else {
      double outlier = p.get("outlier");
      double x1 = dataset(whole(p, "n", 0), -1).x()[0];
      c1[0] = -lr * (outlier >= 0 ? outlier : x1 * x1);
      c2[0] = -lr;
    }
  }

  @Override
  public double[] theory(Map<String, Double> p) {
    Linreg1d m = model(p);
    if (m.data() instanceof FeatureData.Finite f) {
      if (m.batch() > 1 && BatchMeanLaw.count(f.x().length, m.batch(), withReplacement) > THEORY_ENUMERATION_LIMIT) {
        return new double[] {Double.NaN}; // too many batches to enumerate per cell: left out, not estimated
      }
      return new double[] {Linreg1dTheory.lyapunovFinite(m.lr(), f.x(), m.batch(), withReplacement).value()};
    }
    return new double[] {Linreg1dTheory.lyapunovGaussian(m.lr(), m.batch())};
  }

  /** The GD and mean-square thresholds of the cell's data (Fig. 2's lines). */
  public Map<String, Double> thresholds(Map<String, Double> p) {
    Linreg1d m = model(p);
    DataMoments d = m.data() instanceof FeatureData.Finite f
        ? DataMoments.of(f.x(), withReplacement) : DataMoments.gaussian();
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("lr_gd", Linreg1dTheory.lrGd(d));
    t.put("lr_mean_square", m.reshuffled() ? epochMeanSquareThreshold(((FeatureData.Finite) m.data()).x(), m.batch())
        : Linreg1dTheory.lrMeanSquare(d, m.batch()));
    return t;
  }

  /** The epoch's mean-square threshold (reshuffled), or NaN where the cell has too many partitions. */
  static double epochMeanSquareThreshold(double[] x, int batch) {
    if (x.length > 62 || x.length / batch > 24 || ReshuffleEpochs.count(x.length, batch) > EPOCH_ENUMERATION_LIMIT) {
      return Double.NaN;
    }
    return ReshuffleEpochs.meanSquareThreshold(x, batch, EPOCH_ENUMERATION_LIMIT);
  }

  @Override
  public CoefficientSource source(Map<String, Double> stream, long seed) {
    int n = whole(stream, "n", 0);
    int batch = whole(stream, "batch", 1);
    if (n == 0) {
      return new GaussianSource(seed, batch);
    }
    double[] squares = dataset(n, -1).squares();
    return new FiniteSource(seed, batch, squares, sampling);
  }

  /** A = q, the batch mean of x^2 of fresh normals (as the simulate kernel draws them); B = 0. */
  private record GaussianSource(long seed, int batch) implements CoefficientSource {
    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      java.util.Arrays.fill(b, 0, steps * width, 0.0);
      int segment = Math.max(1, 64 / batch);
      long[] bits = new long[(segment * batch + 2) * width];
      double[] squares = new double[(segment * batch + 2) * width];
      VectorSpecies<Double> sp = VectorShapes.DOUBLES;
      for (int t0 = 0; t0 < steps; t0 += segment) {
        int count = Math.min(segment, steps - t0);
        long k0 = (long) t0 * batch;
        long block0 = k0 >>> 1, block1 = (k0 + (long) count * batch + 1) >>> 1;
        VectorDraws.normalSquares(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, squares);
        int row0 = (int) (k0 - 2 * block0);
        for (int t = 0; t < count; t++) {
          int base = (row0 + t * batch) * width;
          for (int j = 0; j < width; j += sp.length()) {
            DoubleVector sum = DoubleVector.zero(sp);
            for (int d = 0; d < batch; d++) {
              sum = sum.add(DoubleVector.fromArray(sp, squares, base + d * width + j));
            }
            sum.div(batch).intoArray(a, (t0 + t) * width + j);
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
      return 0;
    }
  }

  /** A = (copies of point 1 in the batch) / S, B = (sum of the other points' squares) / S. */
  private static final class FiniteSource implements CoefficientSource {
    private final long seed;
    private final int batch;
    private final double[] squares;
    private final Sampling sampling;
    private final double maxOther;

    FiniteSource(long seed, int batch, double[] squares, Sampling sampling) {
      this.seed = seed;
      this.batch = batch;
      this.squares = squares;
      this.sampling = sampling;
      double m = 0;
      for (int i = 1; i < squares.length; i++) {
        m = Math.max(m, squares[i]);
      }
      this.maxOther = m;
    }

    @Override
    public void fill(long traj0, int width, int steps, double[] a, double[] b) {
      FiniteBatchSampler sampler = new FiniteBatchSampler(squares, batch, sampling, width);
      FiniteBatches.forEach(seed, batch, sampler, traj0, width, steps, (t, j, picks) -> {
        int ones = 0;
        double others = 0;
        for (int p : picks) {
          if (p == 0) {
            ones++;
          } else {
            others += squares[p];
          }
        }
        a[t * width + j] = ones / (double) batch;
        b[t * width + j] = others / batch;
      });
    }

    @Override
    public double maxAbsA() {
      return 1;
    }

    @Override
    public double maxAbsB() {
      return maxOther;
    }
  }
}
