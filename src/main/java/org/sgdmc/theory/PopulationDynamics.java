package org.sgdmc.theory;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Philox4x32;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.StreamLayout;
import org.sgdmc.rng.Transcendentals;
import org.sgdmc.rng.Uniforms;

/**
 * Generalized Lyapunov exponents {@code h(s) = lim_k (1/k) log E||M_k ... M_1 u||^s} of a product of i.i.d.
 * random matrices, and the top exponent {@code Lambda_1 = h'(0)}, by population dynamics (the cloning
 * algorithm of Giardina, Kurchan, Peliti 2006; for generalized Lyapunov exponents e.g. Vanneste 2010, "Estimating
 * generalized Lyapunov exponents for products of random matrices", Phys. Rev. E 81, 036701).
 *
 * <h2>Method</h2>
 *
 * A population of P unit vectors u_j evolves in steps. In each step every member gets its own independent
 * random matrix, {@code v_j = M u_j}, and the weight {@code w_j = ||v_j||^s}; the step contributes {@code log
 * mean_j w_j}; then P new members are drawn from the normalised {@code v_j / ||v_j||} with probabilities
 * proportional to {@code w_j} (systematic resampling). The product of the step means is an unbiased estimate of
 * {@code E||M_k ... M_1 u||^s} (it is the normalising constant of a Feynman-Kac particle system), so after a
 * burn-in that lets the population reach the tilted stationary law of directions, the average of {@code log
 * mean w} over T steps estimates h(s). At s = 0 every weight is 1 and the estimate is the usual average of
 * {@code log||M u||}: the top exponent.
 *
 * <h2>Errors</h2>
 *
 * <ul>
 *   <li>Statistical: R independent replicas; the estimate is their mean and its standard error their
 *       standard deviation over {@code sqrt(R)}, which includes the correlation between steps.
 *   <li>Finite population: {@code E log mean w} falls short of {@code log E w} by about {@code Var(w) / (2 P
 *       (E w)^2)} per step (Jensen); this leading term is added back from the sample's own variance. What
 *       remains is of order {@code 1/P} from the resampling's correlations (Nemoto et al. 2016); the tests
 *       hold the estimate against the exact isotropic and one-dimensional cases.
 *   <li>Common random numbers: member j of replica r uses the same matrices at every s (trajectory {@code r P
 *       + j}, step t), and the same resampling uniforms, so {@code h(s)} is nearly smooth in s and its root
 *       can be bracketed; it is not exactly smooth, since a change of s can change which member is copied.
 * </ul>
 *
 * <p>Random numbers: Philox ({@link Draws}) under the settings' seed; batch indices on {@link Stream#BATCH},
 * Gaussian data on {@link Stream#DATA}, initial directions on {@link Stream#INIT}, resampling uniforms on
 * {@link Stream#NOISE} (trajectory = replica, draw = step).
 */
public final class PopulationDynamics {
  /**
   * Sizes of a run. Cost: {@code replicas * population * (burnIn + steps)} random matrix-vector products per
   * value of s.
   *
   * @param population P, members per replica, at least 2
   * @param replicas R, independent replicas, at least 2 (for the standard error)
   * @param steps T, steps averaged per replica, at least 1
   * @param burnIn steps discarded first, at least 0
   * @param seed Philox seed
   */
  public record Settings(int population, int replicas, int steps, int burnIn, long seed) {
    /** The default seed. */
    public static final long DEFAULT_SEED = 0x5EED_C10EL;
    /** P = 1000, R = 8, T = 60, burn-in 20: 640,000 products per s, about 0.1 s for small d and S. */
    public static final Settings DEFAULT = new Settings(1000, 8, 60, 20, DEFAULT_SEED);

    public Settings {
      if (population < 2 || replicas < 2 || steps < 1 || burnIn < 0) {
        throw new IllegalArgumentException("population dynamics needs population >= 2, replicas >= 2, steps >= 1 "
            + "and burn-in >= 0: " + population + ", " + replicas + ", " + steps + ", " + burnIn);
      }
    }
  }

  /** A source of i.i.d. random matrices: the matrix of (trajectory, step) applied to a vector. */
  interface RandomStep {
    /** The dimension d. */
    int dim();

    /** {@code out = M u} for the matrix of this trajectory and step; u and out are distinct arrays of length d. */
    void apply(long trajectory, long step, double[] u, double[] out);

    /**
     * {@code out = M u / c} for some {@code c > 0} of the step's choosing, returning {@code log c}: a step that
     * is a long product (an epoch) renormalises on the way, so that neither overflows nor underflows. The
     * default is {@link #apply}, c = 1.
     */
    default double applyScaled(long trajectory, long step, double[] u, double[] out) {
      apply(trajectory, step, u, out);
      return 0.0;
    }
  }

  private final RandomStep step;
  private final Settings settings;

  PopulationDynamics(RandomStep step, Settings settings) {
    this.step = step;
    this.settings = settings;
  }

  /**
   * Finite data: {@code M = I - (lr/S) sum_{i in batch} x_i x_i^T} with the batch drawn from the N points
   * (with replacement: S independent uniform indices; without: a partial Fisher-Yates shuffle, undone after
   * each batch so that every batch depends on its own S draws only).
   */
  static RandomStep finiteData(double lr, double[][] points, int batch, boolean withReplacement, long seed) {
    int n = points.length;
    int d = points[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(points[i], 0, flat, i * d, d);
    }
    double factor = lr / batch;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int[] swapped = new int[batch];
    int[] picked = new int[batch];
    PairedDraws draws = new PairedDraws(seed, Stream.BATCH);
    return new RandomStep() {
      @Override
      public int dim() {
        return d;
      }

      @Override
      public void apply(long trajectory, long t, double[] u, double[] out) {
        long k0 = t * batch;
        if (withReplacement) {
          for (int j = 0; j < batch; j++) {
            picked[j] = (int) Draws.index(draws.bits(trajectory, k0 + j), n);
          }
        } else {
          for (int j = 0; j < batch; j++) {
            int r = j + (int) Draws.index(draws.bits(trajectory, k0 + j), n - j);
            swapped[j] = r;
            int tmp = perm[j];
            perm[j] = perm[r];
            perm[r] = tmp;
            picked[j] = perm[j];
          }
          for (int j = batch - 1; j >= 0; j--) {
            int r = swapped[j];
            int tmp = perm[j];
            perm[j] = perm[r];
            perm[r] = tmp;
          }
        }
        System.arraycopy(u, 0, out, 0, d);
        for (int j = 0; j < batch; j++) {
          int off = picked[j] * d;
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += flat[off + c] * u[c];
          }
          double f = factor * dot;
          for (int c = 0; c < d; c++) {
            out[c] -= f * flat[off + c];
          }
        }
      }
    };
  }

  /**
   * Random reshuffling of finite data, one epoch a step: the product {@code M_K ... M_1} of the K = floor(N / S)
   * batch matrices {@code M_b = I - (lr/S) sum_{i in batch b} x_i x_i^T}, batch b being positions {@code b S ..
   * b S + S - 1} of a uniform permutation. Epoch t of trajectory j shuffles the identity forward (Fisher-Yates,
   * position i swapped with {@code i + index(draw, N - i)}) with draws {@code t K S + i} of {@link
   * Stream#BATCH}, the layout of the kernels' sampler (over a population's own trajectories, not a run's). The
   * vector is renormalised between batches (not after the last, so that K = 1 is {@link #finiteData} without
   * replacement to the bit: the same batches from the same draws, the same arithmetic).
   */
  static RandomStep reshuffledEpochs(double lr, double[][] points, int batch, long seed) {
    int n = points.length;
    int d = points[0].length;
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("batch " + batch + " must be in 1.." + n + " to reshuffle " + n + " points");
    }
    int k = n / batch;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(points[i], 0, flat, i * d, d);
    }
    double factor = lr / batch;
    int[] perm = new int[n];
    double[] a = new double[d];
    double[] b = new double[d];
    PairedDraws draws = new PairedDraws(seed, Stream.BATCH);
    return new RandomStep() {
      @Override
      public int dim() {
        return d;
      }

      @Override
      public void apply(long trajectory, long t, double[] u, double[] out) {
        double log = applyScaled(trajectory, t, u, out);
        double c = Math.exp(log);
        for (int i = 0; i < d; i++) {
          out[i] *= c;
        }
      }

      @Override
      public double applyScaled(long trajectory, long t, double[] u, double[] out) {
        for (int i = 0; i < n; i++) {
          perm[i] = i;
        }
        long k0 = t * k * batch;
        double log = 0;
        double[] from = u;
        for (int step = 0; step < k; step++) {
          double[] to = step == k - 1 ? out : step % 2 == 0 ? a : b;
          System.arraycopy(from, 0, to, 0, d);
          for (int j = 0; j < batch; j++) {
            int i = step * batch + j;
            int r = i + (int) Draws.index(draws.bits(trajectory, k0 + i), n - i);
            int picked = perm[r];
            perm[r] = perm[i];
            perm[i] = picked;
            int off = picked * d;
            double dot = 0;
            for (int c = 0; c < d; c++) {
              dot += flat[off + c] * from[c];
            }
            double f = factor * dot;
            for (int c = 0; c < d; c++) {
              to[c] -= f * flat[off + c];
            }
          }
          if (step < k - 1) {
            double norm = 0;
            for (int c = 0; c < d; c++) {
              norm += to[c] * to[c];
            }
            if (norm == 0) { // mapped exactly to 0: so is the epoch's product of this vector
              java.util.Arrays.fill(out, 0.0);
              return 0.0;
            }
            double l = 0.5 * Math.log(norm);
            double inv = Math.exp(-l);
            for (int c = 0; c < d; c++) {
              to[c] *= inv;
            }
            log += l;
          }
          from = to;
        }
        return log;
      }
    };
  }

  /**
   * Gaussian data drawn afresh: {@code x = L z}, L lower triangular (the Cholesky factor of the covariance;
   * diagonal for independent components), z standard normal: component c of point j of step t is normal
   * {@code 2 t ceil(S d / 2) + j d + c} of {@link Stream#DATA} ({@link Draws#normal}), so a step starts on a
   * fresh Philox block and every block serves two normals.
   */
  static RandomStep gaussianData(double lr, double[][] factor, int batch, long seed) {
    int d = factor.length;
    double f = lr / batch;
    double[] z = new double[d];
    double[] x = new double[d];
    long perStep = 2 * ((batch * (long) d + 1) / 2);
    PairedDraws draws = new PairedDraws(seed, Stream.DATA);
    return new RandomStep() {
      @Override
      public int dim() {
        return d;
      }

      @Override
      public void apply(long trajectory, long t, double[] u, double[] out) {
        System.arraycopy(u, 0, out, 0, d);
        for (int j = 0; j < batch; j++) {
          long k0 = t * perStep + (long) j * d;
          for (int c = 0; c < d; c++) {
            z[c] = draws.normal(trajectory, k0 + c);
          }
          double dot = 0;
          for (int r = 0; r < d; r++) {
            double s = 0;
            for (int c = 0; c <= r; c++) {
              s += factor[r][c] * z[c];
            }
            x[r] = s;
            dot += s * u[r];
          }
          double g = f * dot;
          for (int c = 0; c < d; c++) {
            out[c] -= g * x[c];
          }
        }
      }
    };
  }

  /**
   * {@link Draws#bits} and {@link Draws#normal}, bit for bit, with the last Philox block kept: consecutive draws
   * {@code 2b, 2b + 1} (and the two normals of a Box-Muller pair) then cost one block instead of two (four).
   */
  static final class PairedDraws {
    private final int stream;
    private final int[] key = new int[2];
    private final int[] ctr = new int[4];
    private final int[] out = new int[4];
    private long cachedTrajectory = -1;
    private long cachedBlock = -1;

    PairedDraws(long seed, Stream stream) {
      this.stream = stream.id;
      StreamLayout.key(seed, key);
    }

    long bits(long trajectory, long k) {
      long block = k >>> 1;
      if (block != cachedBlock || trajectory != cachedTrajectory) {
        StreamLayout.counter(trajectory, stream, block, ctr);
        Philox4x32.block(ctr, key, out);
        cachedBlock = block;
        cachedTrajectory = trajectory;
      }
      int w = (int) (k & 1) * 2;
      return StreamLayout.join(out[w], out[w + 1]);
    }

    double normal(long trajectory, long k) {
      long block = k >>> 1;
      double u1 = Uniforms.openClosed(bits(trajectory, 2 * block));
      double u2 = Uniforms.closedOpen(bits(trajectory, 2 * block + 1));
      double radius = Math.sqrt(-2.0 * Transcendentals.log(u1));
      return radius * ((k & 1) == 0 ? Transcendentals.cos2pi(u2) : Transcendentals.sin2pi(u2));
    }
  }

  /** {@code h(s)} for {@code s > 0}, with its standard error over the replicas. */
  Estimate logGrowth(double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("the moment order s must be finite and > 0: " + s);
    }
    return overReplicas(s);
  }

  /** The top Lyapunov exponent {@code Lambda_1}, with its standard error over the replicas. */
  Estimate topExponent() {
    return overReplicas(0.0);
  }

  private Estimate overReplicas(double s) {
    int r = settings.replicas();
    double sum = 0;
    double sumSq = 0;
    for (int rep = 0; rep < r; rep++) {
      double h = replica(rep, s);
      if (h == Double.NEGATIVE_INFINITY) {
        return new Estimate(h, 0.0, Estimate.METHOD_MONTE_CARLO_PLAIN);
      }
      sum += h;
      sumSq += h * h;
    }
    double mean = sum / r;
    double var = Math.max(0.0, (sumSq - r * mean * mean) / (r - 1));
    return new Estimate(mean, Math.sqrt(var / r), Estimate.METHOD_MONTE_CARLO_PLAIN);
  }

  /** One replica's time average of {@code log mean w} (s &gt; 0) or of {@code mean log||M u||} (s = 0). */
  private double replica(int rep, double s) {
    int p = settings.population();
    int d = step.dim();
    long seed = settings.seed();
    double[][] u = new double[p][d];
    double[][] v = new double[p][d];
    double[] logNorm = new double[p]; // log||M u||
    double[] vLogNorm = new double[p]; // log||v||, v = M u / c with log c from the step (0 for a single matrix)
    double[] cumulative = new double[p];
    long base = (long) rep * p;
    for (int j = 0; j < p; j++) {
      double norm = 0;
      for (int c = 0; c < d; c++) {
        u[j][c] = Draws.normal(seed, Stream.INIT, base + j, c);
        norm += u[j][c] * u[j][c];
      }
      double inv = 1 / Math.sqrt(norm);
      for (int c = 0; c < d; c++) {
        u[j][c] *= inv;
      }
    }
    double total = 0;
    int steps = settings.burnIn() + settings.steps();
    for (int t = 0; t < steps; t++) {
      double top = Double.NEGATIVE_INFINITY;
      double meanLog = 0;
      for (int j = 0; j < p; j++) {
        double shift = step.applyScaled(base + j, t, u[j], v[j]);
        double norm = 0;
        for (int c = 0; c < d; c++) {
          norm += v[j][c] * v[j][c];
        }
        double lv = 0.5 * Math.log(norm);
        double l = lv + shift;
        vLogNorm[j] = lv;
        logNorm[j] = l;
        meanLog += l / p;
        top = Math.max(top, s * l);
      }
      double contribution;
      if (s == 0) {
        if (meanLog == Double.NEGATIVE_INFINITY) {
          return meanLog; // a member was mapped exactly to 0
        }
        contribution = meanLog;
        for (int j = 0; j < p; j++) {
          double inv = Math.exp(-vLogNorm[j]);
          double[] row = u[j];
          u[j] = v[j];
          v[j] = row;
          for (int c = 0; c < d; c++) {
            u[j][c] *= inv;
          }
        }
      } else {
        if (top == Double.NEGATIVE_INFINITY) {
          return Double.NEGATIVE_INFINITY; // every member was mapped to 0
        }
        // weights scaled by the largest; mean w and mean w^2 for the Jensen correction
        double sumW = 0;
        double sumW2 = 0;
        for (int j = 0; j < p; j++) {
          double w = Math.exp(s * logNorm[j] - top);
          sumW += w;
          sumW2 += w * w;
          cumulative[j] = sumW;
        }
        double relVar = p * sumW2 / (sumW * sumW) - 1;
        contribution = top + Math.log(sumW / p) + relVar / (2.0 * p);
        resample(rep, t, p, d, u, v, vLogNorm, cumulative, sumW);
      }
      if (t >= settings.burnIn()) {
        total += contribution;
      }
    }
    return total / settings.steps();
  }

  /**
   * Systematic resampling: member j copies the v whose cumulative weight first exceeds {@code (j + U) W / P},
   * normalised by its norm ({@code exp(logNorm)}).
   */
  private void resample(int rep, int t, int p, int d, double[][] u, double[][] v, double[] logNorm,
      double[] cumulative, double sumW) {
    double offset = Draws.uniform(settings.seed(), Stream.NOISE, rep, t);
    int source = 0;
    for (int j = 0; j < p; j++) {
      double target = (j + offset) * sumW / p;
      while (source < p - 1 && cumulative[source] <= target) {
        source++;
      }
      double inv = Math.exp(-logNorm[source]);
      double[] from = v[source];
      double[] to = u[j];
      for (int c = 0; c < d; c++) {
        to[c] = from[c] * inv;
      }
    }
  }
}
