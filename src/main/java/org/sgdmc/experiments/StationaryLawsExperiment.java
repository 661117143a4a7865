package org.sgdmc.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.StationaryLaws;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailFitter;
import org.sgdmc.theory.LinearSde;
import org.sgdmc.theory.Logistic1dTheory;
import org.sgdmc.theory.TailIndex;
import org.sgdmc.theory.ZeroFluxDensity;

/**
 * Seed 004's question in the 1-D linear model off interpolation: SGD's stationary law against its SDE's. For one
 * (lr, B) it samples the stationary law of SGD, of Euler-Maruyama at dt = lr / l for each l, and of additive stable
 * noise, all with the {@link Kernels#LINREG1D_TAILS} kernels; fits each tail; histograms each law on bins spanning
 * SGD's central 98%; and sets them beside the zero-flux density of the SDE and seed 004's eq. (29).
 */
public final class StationaryLawsExperiment {
  private StationaryLawsExperiment() {}

  /** Histogram bins over SGD's central 98% (plus two overflow bins). */
  public static final int BINS = 60;
  /** Grid nodes of the zero-flux density, over +-{@link #GRID_REACH} times the histogram's half-width. */
  static final int GRID_POINTS = 400_001;
  static final double GRID_REACH = 200;

  /** What a cell runs: the data, the Euler-Maruyama substeps, the stable index, the sampling and the fit. */
  public record Settings(LabelledData data, int[] substeps, double stableAlpha, long seed, Kernel kernel,
      DoubleFunction<StationarySampler.Plan> plan, TailFitOptions fit) {}

  public static StationaryLaws run(double lr, int batch, Settings s, Simulation.Progress progress) {
    List<Linreg1dTails> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    models.add(Linreg1dTails.minibatch(lr, batch, s.data(), true));
    names.add("sgd");
    for (int l : s.substeps()) {
      models.add(new Linreg1dTails(lr, batch, s.data(), true, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN, l));
      names.add("em l=" + l);
    }
    if (!Double.isNaN(s.stableAlpha())) {
      models.add(new Linreg1dTails(lr, batch, s.data(), true, NoiseModel.STABLE, s.stableAlpha(), Double.NaN));
      names.add("stable alpha=" + s.stableAlpha());
    }
    int k = models.size();
    double[] fitted = new double[k], low = new double[k], high = new double[k], theory = new double[k];
    double[] lyap = new double[k], diverged = new double[k], m2 = new double[k], m2se = new double[k];
    double[] em2 = new double[k];
    double[][] coordinates = new double[k][];
    int[] clusters = new int[k];
    double seconds = 0;
    LabelledData d = s.data();
    double f = models.get(0).samplingFactor();
    for (int m = 0; m < k; m++) {
      Linreg1dTails model = models.get(m);
      TailIndex t = Linreg1dTailsTheory.of(model);
      theory[m] = model.noise() == NoiseModel.STABLE ? model.stableAlpha() : t.index();
      em2[m] = model.noise() == NoiseModel.GAUSSIAN ? LinearSde.eulerSecondMoment(d.secondMoment(), lr, f,
          d.squareVariance(), d.gradientVarianceAtMinimum(), lr / model.substeps()) : Double.NaN;
      StationarySampler.Plan plan = s.plan().apply(t.lyapunov().value());
      StationarySampler.Samples samples = StationarySampler.run(Kernels.LINREG1D_TAILS.blocks(model, s.seed(),
          s.kernel()), plan, Simulation.Progress.NONE);
      seconds += samples.kernelSeconds();
      lyap[m] = Arrays.stream(samples.logFactorRates()).average().orElse(Double.NaN);
      diverged[m] = samples.diverged() / (double) plan.trajectories();
      coordinates[m] = samples.coordinates();
      clusters[m] = samples.clusters();
      fitted[m] = low[m] = high[m] = Double.NaN;
      if (diverged[m] <= TailsExperiment.MAX_DIVERGED_FRACTION) {
        try {
          TailFit fit = TailFitter.fit(samples.norms(), samples.clusters(), s.fit());
          fitted[m] = fit.alpha();
          low[m] = fit.ciLow();
          high[m] = fit.ciHigh();
        } catch (IllegalArgumentException e) {
          // too few finite samples: no index, the histogram stands
        }
      }
      double[] mom = secondMoment(samples.coordinates(), samples.clusters());
      m2[m] = mom[0];
      m2se[m] = mom[1];
      progress.update(m + 1, k);
    }
    // bins over SGD's central 98%, symmetric about 0
    double q = quantileAbs(coordinates[0], 0.98);
    double[] edges = new double[BINS + 1];
    for (int i = 0; i <= BINS; i++) {
      edges[i] = -q + 2 * q * i / BINS;
    }
    double[][] hist = new double[k][];
    for (int m = 0; m < k; m++) {
      hist[m] = histogram(coordinates[m], edges, 0, Integer.MAX_VALUE, clusters[m]);
    }
    int c0 = clusters[0];
    double tvNoise = StationaryLaws.tv(histogram(coordinates[0], edges, 0, c0 / 2, c0),
        histogram(coordinates[0], edges, c0 / 2, c0, c0)) / Math.sqrt(2);
    double m2d = d.secondMoment();
    double a = d.squareVariance();
    double twoB = 2 * d.cubicResidualMoment();
    double c = d.gradientVarianceAtMinimum();
    double reach = GRID_REACH * q;
    ZeroFluxDensity zf = ZeroFluxDensity.of(u -> m2d * u, u -> Math.fma(Math.fma(a, u, -twoB), u, c), lr * f, -reach,
        reach, GRID_POINTS);
    ZeroFluxDensity eq29 = ZeroFluxDensity.seedEquation29(u -> m2d * u, u -> Math.fma(Math.fma(a, u, -twoB), u, c),
        lr * f, -reach, reach, GRID_POINTS);
    double[] zfBins = withOverflow(zf, edges);
    double[] bins29 = withOverflow(eq29, edges);
    double[] tvSgd = new double[k];
    double[] tvZf = new double[k];
    for (int m = 0; m < k; m++) {
      tvSgd[m] = StationaryLaws.tv(hist[m], hist[0]);
      tvZf[m] = StationaryLaws.tv(hist[m], zfBins);
    }
    return new StationaryLaws(lr, batch, names.toArray(String[]::new), fitted, low, high, theory, lyap, diverged, m2,
        m2se, edges, hist, tvSgd, tvZf, zfBins, bins29, tvNoise, LinearSde.tailIndex(m2d, lr * f, a),
        LinearSde.secondMoment(m2d, lr * f, a, c), em2, seconds);
  }

  /**
   * The same for 1-D logistic regression on a finite dataset (seed 004's non-quadratic loss; {@code x}, {@code y}
   * the data): SGD and Euler-Maruyama at dt = lr / l, against the zero-flux density of the SDE with the exact
   * L'(theta) and Sigma(theta), and eq. (29). The gradient is bounded, so every law here has exponential tails:
   * no tail index is fitted (NaN) and the theory's is +inf. Coordinates are theta - theta*.
   */
  public static StationaryLaws runLogistic(double lr, int batch, double[] x, double[] y, Settings s,
      Simulation.Progress progress) {
    return runLogistic(lr, batch, x, y, Sampling.WITH_REPLACEMENT, s, progress);
  }

  /**
   * {@link #runLogistic(double, int, double[], double[], Settings, Simulation.Progress)} with SGD's batches drawn as
   * {@code sampling} says. The SDE models keep the covariance Sigma/B of batches with replacement: none of them
   * models batches without replacement or epochs, so against any other sampling they are a reference, not its theory.
   */
  public static StationaryLaws runLogistic(double lr, int batch, double[] x, double[] y, Sampling sampling,
      Settings s, Simulation.Progress progress) {
    List<Logistic1d> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    models.add(Logistic1d.of(lr, batch, x, y, NoiseModel.MINIBATCH, 1, sampling));
    names.add("sgd");
    for (int l : s.substeps()) {
      models.add(Logistic1d.of(lr, batch, x, y, NoiseModel.GAUSSIAN, l));
      names.add("em l=" + l);
    }
    Logistic1d sgd = models.get(0);
    Logistic1dTheory theory = new Logistic1dTheory(sgd.c());
    double star = sgd.thetaStar();
    double contraction = Math.abs(1 - lr * theory.curvature(star));
    double rate = Math.log(Math.max(contraction, 1e-300));
    // relaxation from the linearisation at theta*; a step that overshoots (|1 - lr L''| >= 1) still relaxes
    // through the bounded gradient: take one relaxation time per step then
    double lyapunovProxy = rate < 0 ? rate : -1.0;
    int k = models.size();
    double[] nan = new double[k];
    Arrays.fill(nan, Double.NaN);
    double[] inf = new double[k];
    Arrays.fill(inf, Double.POSITIVE_INFINITY);
    double[] diverged = new double[k], m2 = new double[k], m2se = new double[k], lyap = new double[k];
    double[][] coordinates = new double[k][];
    int[] clusters = new int[k];
    double seconds = 0;
    for (int m = 0; m < k; m++) {
      StationarySampler.Plan plan = s.plan().apply(lyapunovProxy);
      StationarySampler.Samples samples = StationarySampler.run(Kernels.LOGISTIC1D.blocks(models.get(m), s.seed(),
          s.kernel()), plan, Simulation.Progress.NONE);
      seconds += samples.kernelSeconds();
      lyap[m] = Double.NaN;
      diverged[m] = samples.diverged() / (double) plan.trajectories();
      coordinates[m] = samples.coordinates();
      clusters[m] = samples.clusters();
      double[] mom = secondMoment(samples.coordinates(), samples.clusters());
      m2[m] = mom[0];
      m2se[m] = mom[1];
      progress.update(m + 1, k);
    }
    double q = quantileAbs(coordinates[0], 0.98);
    double[] edges = new double[BINS + 1];
    for (int i = 0; i <= BINS; i++) {
      edges[i] = -q + 2 * q * i / BINS;
    }
    double[][] hist = new double[k][];
    for (int m = 0; m < k; m++) {
      hist[m] = histogram(coordinates[m], edges, 0, Integer.MAX_VALUE, clusters[m]);
    }
    int c0 = clusters[0];
    double tvNoise = StationaryLaws.tv(histogram(coordinates[0], edges, 0, c0 / 2, c0),
        histogram(coordinates[0], edges, c0 / 2, c0, c0)) / Math.sqrt(2);
    double reach = LOGISTIC_GRID_REACH * q;
    double f = sgd.samplingFactor();
    ZeroFluxDensity zf = ZeroFluxDensity.of(u -> theory.gradient(star + u), u -> theory.sigma(star + u), lr * f,
        -reach, reach, LOGISTIC_GRID_POINTS);
    ZeroFluxDensity eq29 = ZeroFluxDensity.seedEquation29(u -> theory.gradient(star + u),
        u -> theory.sigma(star + u), lr * f, -reach, reach, LOGISTIC_GRID_POINTS);
    double[] zfBins = withOverflow(zf, edges);
    double[] bins29 = withOverflow(eq29, edges);
    double[] tvSgd = new double[k];
    double[] tvZf = new double[k];
    for (int m = 0; m < k; m++) {
      tvSgd[m] = StationaryLaws.tv(hist[m], hist[0]);
      tvZf[m] = StationaryLaws.tv(hist[m], zfBins);
    }
    return new StationaryLaws(lr, batch, names.toArray(String[]::new), nan.clone(), nan.clone(), nan.clone(),
        inf, lyap, diverged, m2, m2se, edges, hist, tvSgd, tvZf, zfBins, bins29, tvNoise, Double.POSITIVE_INFINITY,
        zf.expectation(u -> u * u), nan.clone(), seconds);
  }

  /** The logistic zero-flux grid: +-20 times the histogram's half-width (the tails are exponential). */
  static final double LOGISTIC_GRID_REACH = 20;
  static final int LOGISTIC_GRID_POINTS = 40_001;

  /** Bin masses with the two overflow masses appended (below, above). */
  static double[] withOverflow(ZeroFluxDensity p, double[] edges) {
    double[] inner = p.binMasses(edges);
    double[] out = Arrays.copyOf(inner, inner.length + 2);
    out[inner.length] = p.cdf(edges[0]);
    out[inner.length + 1] = 1 - p.cdf(edges[edges.length - 1]);
    return out;
  }

  /**
   * Fractions of the samples of trajectories [from, to) (samples time-major: sample r of trajectory i at
   * {@code r clusters + i}) in each bin, then below and above; diverged (infinite) samples count as overflow.
   */
  static double[] histogram(double[] x, double[] edges, int from, int to, int clusters) {
    int bins = edges.length - 1;
    double[] h = new double[bins + 2];
    double lo = edges[0];
    double width = (edges[bins] - lo) / bins;
    long n = 0;
    for (int idx = 0; idx < x.length; idx++) {
      int traj = idx % clusters;
      if (traj < from || traj >= to) {
        continue;
      }
      double v = x[idx];
      n++;
      if (v < lo) {
        h[bins]++;
      } else if (!(v < edges[bins])) {
        h[bins + 1]++;
      } else {
        h[Math.min(bins - 1, (int) ((v - lo) / width))]++;
      }
    }
    for (int i = 0; i < h.length; i++) {
      h[i] /= n;
    }
    return h;
  }

  /** The p-quantile of |x| over finite samples. */
  static double quantileAbs(double[] x, double p) {
    double[] a = Arrays.stream(x).filter(Double::isFinite).map(Math::abs).sorted().toArray();
    if (a.length == 0) {
      return 1;
    }
    double v = a[(int) Math.min(a.length - 1, Math.floor(p * a.length))];
    return v > 0 ? v : 1;
  }

  /** Mean of u^2 over samples and its standard error from the per-trajectory means. */
  static double[] secondMoment(double[] x, int clusters) {
    int per = x.length / clusters;
    double sum = 0, sumSq = 0;
    for (int i = 0; i < clusters; i++) {
      double t = 0;
      for (int r = 0; r < per; r++) {
        double v = x[r * clusters + i];
        t += v * v;
      }
      t /= per;
      sum += t;
      sumSq += t * t;
    }
    double mean = sum / clusters;
    double var = Math.max(0, (sumSq - clusters * mean * mean) / (clusters - 1));
    return new double[] {mean, Math.sqrt(var / clusters)};
  }
}
