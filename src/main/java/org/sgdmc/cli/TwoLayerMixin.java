package org.sgdmc.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.theory.StationaryPoints;
import org.sgdmc.theory.StationaryPoints.Point;
import picocli.CommandLine.Option;

/**
 * The model options of {@code tanh2} and {@code swish2}: the teacher's labels, the start, the classification of
 * end states (the dataset's size and seed are {@link DataSourceMixin}'s).
 */
public final class TwoLayerMixin implements SharedOptions.Tailored {
  /**
   * Default data seed of swish2: among data seeds 1..250 one whose draw has seed 002's Fig. 5 picture (two
   * minima, the sharper one generalising best, C between them on the test set); most draws have not.
   */
  static final long SWISH_DATA_SEED = 85;
  /** Default data seed of tanh2: the first of 1..12 whose pair of minima lies at |w| < 2, as in Fig. 1a. */
  static final long TANH_DATA_SEED = 6;

  @Option(names = "--start", paramLabel = "POINT",
      description = "Start at this stationary point, by label: A, B, ... (minima, sharpest first), C (the origin) "
          + "(default: B, or the given --u0/--w0).")
  String start;

  @Option(names = "--u0", paramLabel = "U", description = "Start at this u (with --w0) instead of a stationary point.")
  Double u0;

  @Option(names = "--w0", paramLabel = "W", description = "Start at this w (with --u0).")
  Double w0;

  @Option(names = "--init-noise", paramLabel = "SIGMA", defaultValue = "0",
      description = "Add independent N(0, SIGMA^2) offsets to u0 and w0 (stream INIT) (default: ${DEFAULT-VALUE}).")
  double initNoise;

  @Option(names = "--n-test", paramLabel = "N", defaultValue = "10000",
      description = "Test points, drawn independently of the training set (default: ${DEFAULT-VALUE}).")
  int nTest;

  @Option(names = "--mu", paramLabel = "MU", defaultValue = "0.1",
      description = "Labels y = MU act(x) + (1 - MU) eps, x, eps ~ N(0,1) (default: ${DEFAULT-VALUE}).")
  double mu;

  @Option(names = "--saddle-eps", paramLabel = "EPS", defaultValue = "1e-3",
      description = "A trajectory with |u|, |w| < EPS is at the saddle C (default: ${DEFAULT-VALUE}).")
  double saddleEps;

  @Option(names = "--diverged-above", paramLabel = "D", defaultValue = "1e6",
      description = "A trajectory with |u| or |w| > D has diverged; it is frozen there (default: ${DEFAULT-VALUE}).")
  double divergedAbove;

  /** Training points when {@code --n} is not given. */
  static final int DEFAULT_TRAINING_POINTS = 100;

  /** The per-command defaults of a two-layer run: long trajectories, fewer of them, classified at log:30. */
  static final Map<String, String> ENSEMBLE_DEFAULTS =
      Map.of("--trajectories", "10000", "--steps", "10000", "--record-times", "log:30");

  /** The nets' data are always generated (a teacher's labels): no outliers, no files. */
  static final Set<String> NOT_APPLICABLE = Set.of("--outlier", "--data-file");

  @Override
  public Map<String, String> defaults() {
    return ENSEMBLE_DEFAULTS;
  }

  @Override
  public Set<String> notApplicable() {
    return NOT_APPLICABLE;
  }

  /** Everything the options define, validated; user errors become {@link UserError}. */
  record Setup(Activation activation, RegressionData train, RegressionData test, List<Point> points, String start,
      double u0, double w0, long dataSeed, TwoLayerResult.Classifier classifier) {

    /** The model at learning rate {@code lr}. */
    TwoLayerNet model(double lr, int batch, boolean withReplacement, double initNoise, double divergedAbove) {
      return model(lr, batch, org.sgdmc.models.Sampling.of(withReplacement), initNoise, divergedAbove);
    }

    /** The model at learning rate {@code lr}, its batches drawn as {@code sampling} says. */
    TwoLayerNet model(double lr, int batch, org.sgdmc.models.Sampling sampling, double initNoise,
        double divergedAbove) {
      try {
        return new TwoLayerNet(activation, train, lr, batch, sampling, u0, w0, initNoise, divergedAbove);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
  }

  Setup setup(Activation act, DataSourceMixin source) {
    Integer given = source.n();
    int n = given != null ? given : DEFAULT_TRAINING_POINTS;
    if (n < 1 || n > 10_000_000) {
      throw new UserError("--n must be in 1..10^7, not " + n);
    }
    if (nTest < 1 || nTest > 10_000_000) {
      throw new UserError("--n-test must be in 1..10^7, not " + nTest);
    }
    if (!Double.isFinite(mu)) {
      throw new UserError("--mu must be a finite number, not " + mu);
    }
    if ((u0 == null) != (w0 == null)) {
      throw new UserError("give both --u0 and --w0, or neither");
    }
    if (u0 != null && start != null) {
      throw new UserError("give either --start or --u0/--w0, not both");
    }
    if (!(initNoise >= 0) || !Double.isFinite(initNoise)) {
      throw new UserError("--init-noise must be a finite number >= 0, not " + initNoise);
    }
    if (!(divergedAbove > 0) || !Double.isFinite(divergedAbove)) {
      throw new UserError("--diverged-above must be a positive finite number, not " + divergedAbove);
    }
    TwoLayerResult.Classifier classifier;
    try {
      classifier = new TwoLayerResult.Classifier(saddleEps);
    } catch (IllegalArgumentException e) {
      throw new UserError("--saddle-eps: " + e.getMessage());
    }
    long seed = source.dataSeed(act == Activation.SWISH ? SWISH_DATA_SEED : TANH_DATA_SEED);
    RegressionData train = Datasets.teacher(act, n, mu, seed, false);
    RegressionData test = Datasets.teacher(act, nTest, mu, seed, true);
    List<Point> points = StationaryPoints.find(act, train, test);
    if (u0 != null) {
      return new Setup(act, train, test, points, "explicit", u0, w0, seed, classifier);
    }
    String label = start != null ? start.trim() : "B";
    Point p = StationaryPoints.byLabel(points, label);
    if (p == null) {
      throw new UserError("no stationary point '" + label + "' for this data (found: "
          + points.stream().map(q -> q.label() + " (" + q.kind().label() + ")").collect(Collectors.joining(", "))
          + "); use --start with one of them, or --u0 and --w0");
    }
    return new Setup(act, train, test, points, label, p.u(), p.w(), seed, classifier);
  }
}
