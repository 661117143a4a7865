package org.sgdmc.io;

import org.sgdmc.models.Sampling;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.KeptTrajectories;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LogHistogram;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.theory.Estimate;

/**
 * The sections every sgdmc result file shares, written one way for every model (data/SCHEMA.md): the root
 * provenance, the common attributes of {@code /parameters} (optimiser, data source, ensemble), the ensemble
 * statistics in {@code /observables}, Lyapunov estimates in {@code /estimates}, theory values in {@code /theory}
 * and {@code /performance}. A model's writer adds its own sections on top.
 */
public final class RunSections {
  private static final String PARAMETERS = "/parameters";

  private RunSections() {}

  /** A new file at {@code target} (written atomically on commit) with the root provenance of {@code model}. */
  public static ResultFile create(Path target, boolean overwrite, RunMetadata meta, String model) {
    ResultFile f = ResultFile.create(target, overwrite);
    f.describeEveryNode();
    meta.writeRoot(f, model);
    return f;
  }

  /**
   * Writes an ensemble run to {@code target}, atomically: the root provenance of {@code model}, the ensemble
   * {@code o} and the axes of its observables, then the model's own sections ({@code sections}), then
   * {@code /performance}.
   */
  public static void writeRun(Path target, boolean overwrite, RunMetadata meta, String model, EnsembleOptions o,
      double kernelSeconds, double stepsPerSecond, Consumer<ResultFile> sections) {
    try (ResultFile f = create(target, overwrite, meta, model)) {
      ensemble(f, o);
      observableAxes(f, o);
      sections.accept(f);
      performance(f, kernelSeconds, stepsPerSecond, o.threads());
      f.commit();
    }
  }

  /** The optimiser: {@code lr}, {@code batch}, {@code with_replacement}. */
  public static void sgd(ResultFile f, double lr, int batch, boolean withReplacement) {
    sgd(f, lr, batch, Sampling.of(withReplacement));
  }

  /**
   * The optimiser: {@code lr}, {@code batch}, {@code sampling} ({@code with_replacement},
   * {@code without_replacement} or {@code reshuffle}) and, as before reshuffling existed,
   * {@code with_replacement} (1 only for {@code sampling = with_replacement}).
   */
  public static void sgd(ResultFile f, double lr, int batch, Sampling sampling) {
    f.attribute(PARAMETERS, "lr", lr);
    f.attribute(PARAMETERS, "batch", (long) batch);
    f.attribute(PARAMETERS, "with_replacement", sampling.withReplacement());
    f.attribute(PARAMETERS, "sampling", sampling.label);
  }

  /**
   * The data source: {@code data} (gaussian, generated, file, ...), {@code data_description}, {@code n} (-1 for
   * a stream) and {@code data_seed} (not written when null).
   */
  public static void dataSource(ResultFile f, String kind, String description, long n, Long dataSeed) {
    f.attribute(PARAMETERS, "data", kind);
    f.attribute(PARAMETERS, "data_description", description);
    f.attribute(PARAMETERS, "n", n);
    if (dataSeed != null) {
      f.attribute(PARAMETERS, "data_seed", dataSeed);
    }
  }

  /** The ensemble: {@code trajectories}, {@code steps}, {@code seed}, {@code threads}, {@code block_width}. */
  public static void ensemble(ResultFile f, long trajectories, long steps, long seed, int threads, int blockWidth) {
    f.attribute(PARAMETERS, "trajectories", trajectories);
    f.attribute(PARAMETERS, "steps", steps);
    f.attribute(PARAMETERS, "seed", seed);
    f.attribute(PARAMETERS, "threads", (long) threads);
    f.attribute(PARAMETERS, "block_width", (long) blockWidth);
  }

  /** {@link #ensemble(ResultFile, long, long, long, int, int)} of {@code o}. */
  public static void ensemble(ResultFile f, EnsembleOptions o) {
    ensemble(f, o.trajectories(), o.steps(), o.seed(), o.threads(), o.blockWidth());
  }

  /**
   * How one observed distance is named in {@code /observables}: {@code log_X_mean} or {@code log_distance_mean},
   * and so on.
   *
   * @param mean dataset of the mean log-distance; {@code stderr}, {@code meanSquare}, ... likewise
   * @param meanDescription what {@code mean} is
   * @param variable the distance as a formula, e.g. {@code |w_t - w*|}
   * @param exactDescription what {@code exact} counts
   */
  public record Observed(String mean, String stderr, String meanSquare, String quantiles, String within,
      String diverged, String exact, String meanDescription, String meanSquareDescription, String variable,
      String exactDescription) {

    /** log|w_t - w*| of the models at an interpolation minimum (linreg1d, linear-d). */
    public static Observed distance() {
      return new Observed("log_distance_mean", "log_distance_stderr", "log_mean_square", "log_distance_quantiles",
          "fraction_within", "fraction_diverged", "fraction_exact",
          "m(t): mean of log|w_t - w*| (natural log) over trajectories not exactly at w*",
          "log E|w_t - w*|^2 over all trajectories", "|w_t - w*|",
          "fraction with w_t = w* exactly (log distance -inf)");
    }

    /** log|x_t| of one of the saddle's directions, {@code x} = h or m, {@code what} e.g. {@code h = w + u}. */
    public static Observed direction(String x, String what) {
      String abs = "|" + x + "_t|";
      return new Observed("log_" + x + "_mean", "log_" + x + "_stderr", "log_" + x + "_mean_square",
          "log_" + x + "_quantiles", x + "_fraction_within", x + "_fraction_diverged", x + "_fraction_exact",
          "mean of log" + abs + " (natural log), " + what + ", over trajectories with " + x + "_t != 0",
          "log E[" + x + "_t^2] over all trajectories", abs, "fraction with " + x + "_t = 0 exactly");
    }
  }

  /**
   * What the observables are taken at: the axes of {@code /observables} ({@code time}, {@code quantile_levels},
   * {@code epsilons}) and {@code /parameters@diverged_above}.
   */
  public static void observableAxes(ResultFile f, EnsembleOptions o) {
    f.attribute(PARAMETERS, "diverged_above", o.divergedAbove());
    String g = "/observables/";
    f.dataset(g + "time", o.recordTimes());
    f.datasetAttribute(g + "time", "units", "steps");
    f.dataset(g + "quantile_levels", o.quantileLevels());
    f.datasetAttribute(g + "quantile_levels", "resolution", o.keepTrajectories()
        ? "exact: order statistics of every trajectory's value (--keep-trajectories)"
        : LogHistogram.RESOLUTION);
    f.dataset(g + "epsilons", o.epsilons());
    f.attribute(PARAMETERS, "keep_trajectories", o.keepTrajectories());
  }

  /** {@code /trajectories/NAME} [time, trajectory]: every kept value (only with {@code --keep-trajectories}). */
  public static void kept(ResultFile f, KeptTrajectories kept) {
    if (kept == null) {
      return;
    }
    for (int k = 0; k < kept.names().length; k++) {
      String path = "/trajectories/" + kept.names()[k];
      f.rows(path, kept.values()[k]); // past 2 GiB: written in hyperslabs by the native writer
      f.datasetAttribute(path, "description",
          "[time, trajectory]: " + kept.names()[k] + " of every trajectory at every recording time (natural log)");
    }
  }

  /** The ensemble statistics of one observed distance at every recording time, named by {@code names}. */
  public static void observables(ResultFile f, Observed names, EnsembleSummary[] s) {
    int nt = s.length;
    double[] mean = new double[nt], stderr = new double[nt], lms = new double[nt];
    double[] diverged = new double[nt], exact = new double[nt];
    double[][] quantiles = new double[nt][], within = new double[nt][];
    for (int i = 0; i < nt; i++) {
      mean[i] = s[i].mean();
      stderr[i] = s[i].stderr();
      lms[i] = s[i].logMeanSquare();
      diverged[i] = s[i].fractionDiverged();
      exact[i] = s[i].fractionExact();
      quantiles[i] = s[i].quantiles();
      within[i] = s[i].fractionWithin();
    }
    String g = "/observables/";
    f.dataset(g + names.mean(), mean);
    f.datasetAttribute(g + names.mean(), "description", names.meanDescription());
    f.dataset(g + names.stderr(), stderr);
    f.dataset(g + names.meanSquare(), lms);
    f.datasetAttribute(g + names.meanSquare(), "description", names.meanSquareDescription());
    f.dataset(g + names.quantiles(), quantiles);
    f.datasetAttribute(g + names.quantiles(), "description", "[time, level]: quantiles of log" + names.variable());
    f.dataset(g + names.within(), within);
    f.datasetAttribute(g + names.within(), "description",
        "[time, epsilon]: fraction with " + names.variable() + " < epsilon");
    f.dataset(g + names.diverged(), diverged);
    f.dataset(g + names.exact(), exact);
    f.datasetAttribute(g + names.exact(), "description", names.exactDescription());
  }

  /** A whole-run exponent at {@code path} and {@code path_stderr}, with how it was estimated. */
  public static void exponent(ResultFile f, String path, LyapunovEstimate e, String method) {
    f.dataset(path, e.value());
    f.dataset(path + "_stderr", e.stderr());
    f.datasetAttribute(path, "method", method);
  }

  /** Exponents on a grid (e.g. [batch, point]) at {@code path}, their standard errors at {@code path_stderr}. */
  public static void exponents(ResultFile f, String path, double[][] value, double[][] stderr) {
    f.dataset(path, value);
    f.dataset(path + "_stderr", stderr);
  }

  /** A late-window exponent at {@code path} and {@code path_stderr}, with its window. */
  public static void lateExponent(ResultFile f, String path, LyapunovEstimate e) {
    f.dataset(path, e.value());
    f.dataset(path + "_stderr", e.stderr());
    f.datasetAttribute(path, "window", "steps " + e.t0() + " to " + e.t1());
  }

  /** A theory value at {@code path} and {@code path_stderr} with its method, and what it is (when not null). */
  public static void theory(ResultFile f, String path, Estimate e, String description) {
    f.dataset(path, e.value());
    f.dataset(path + "_stderr", e.stderr());
    f.datasetAttribute(path, "method", e.method());
    if (description != null) {
      f.datasetAttribute(path, "description", description);
    }
  }

  /** {@code /performance}: how fast the kernels ran, on what; the thread count also at the root. */
  public static void performance(ResultFile f, double kernelSeconds, double stepsPerSecond, int threads) {
    f.attribute("/", "threads", (long) threads);
    f.attribute("/performance", "kernel_seconds", kernelSeconds);
    f.attribute("/performance", "trajectory_steps_per_second", stepsPerSecond);
    f.attribute("/performance", "threads", (long) threads);
    f.attribute("/performance", "vector_species", VectorizationProvider.lookup().describe());
    f.attribute("/performance", "cpu", RunMetadata.cpuModel());
    f.attribute("/performance", "cores", (long) Runtime.getRuntime().availableProcessors());
    f.attribute("/performance", "java", "Java " + Runtime.version());
  }
}
