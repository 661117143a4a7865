package org.sgdmc.io;

import java.util.HashMap;
import java.util.Map;

/**
 * What every group and dataset sgdmc writes is, and in what units: the {@code description} and {@code units}
 * attributes that {@link ResultFile} adds on commit wherever a writer did not set them itself. One table for
 * every file type, so the same name means the same thing (and has the same units) in every file; data/SCHEMA.md
 * gives the layout and this vocabulary of units:
 *
 * <ul>
 *   <li>{@value #RATE}: Lyapunov exponents and other growth rates of a logarithm;
 *   <li>{@value #LOG}: logarithms (of distances, of mean squares);
 *   <li>{@value #STEPS}: times and step counts;
 *   <li>{@value #ONE}: dimensionless numbers (fractions, learning rates, data, losses, tail indices);
 *   <li>{@value #COUNT}: numbers of things (samples, batch sizes, dataset sizes);
 *   <li>{@value #INDEX}: a code that indexes a list of names given in an attribute (phases, end-state classes);
 *   <li>{@value #SECONDS}: wall-clock seconds;
 *   <li>{@value #THROUGHPUT}: trajectory-steps per second of wall time (bench files);
 *   <li>{@value #MIXED}: a group: its members state their own units.
 * </ul>
 *
 * <p>A name ending in {@code _stderr} is the standard error of the name without it, in its units. Paths under
 * {@code /estimates/coordinate} and {@code /observables/coordinate} (tails linear-d) mean what the same names one
 * level up mean, for the coordinate u_1 instead of |w - w_LS|.
 */
final class Descriptions {
  static final String RATE = "per step, natural log";
  static final String LOG = "natural log";
  static final String STEPS = "steps";
  static final String ONE = "1";
  static final String COUNT = "count";
  static final String INDEX = "index";
  static final String SECONDS = "s";
  static final String MIXED = "mixed";
  static final String OPAQUE = "opaque";
  static final String THROUGHPUT = "trajectory-steps/s";

  /** A node's two attributes. */
  record Entry(String description, String units) {}

  /** What a node that no entry describes gets: the suite's walk over every file type fails on it. */
  static final Entry UNDESCRIBED = new Entry("not described (a gap in org.sgdmc.io.Descriptions)", "unknown");

  private static final Map<String, Entry> TABLE = new HashMap<>();

  private static void put(String path, String units, String description) {
    if (TABLE.put(path, new Entry(description, units)) != null) {
      throw new IllegalStateException("described twice: " + path);
    }
  }

  static {
    // groups
    put("/", MIXED, "an sgdmc result file: the attribute model says which command wrote it; data/SCHEMA.md gives "
        + "the layout");
    put("/parameters", MIXED, "the run's settings, as attributes (in the units of the options they record)");
    put("/observables", MIXED, "ensemble statistics at each recording time");
    put("/estimates", MIXED, "what the simulation estimates, with standard errors");
    put("/precision", MIXED, "single-precision draws (--precision single): their limits, and what they were "
        + "measured to cost on the run's first trajectories against the same random words in double precision");
    put("/precision/max_abs_normal", ONE, "the largest |normal| a single-precision draw can give, sqrt(46 ln 2) "
        + "(23-bit uniforms; double-precision draws reach 8.49)");
    put("/precision/tail_probability", ONE, "P(|Z| > max_abs_normal) for a standard normal: the mass the "
        + "single-precision draws never reach");
    put("/precision/checked_trajectories", COUNT, "trajectories stepped twice for the check: float functions "
        + "against the same words through double-precision functions");
    put("/precision/checked_steps", STEPS, "steps of each checked trajectory");
    put("/precision/max_log_distance_difference", LOG, "largest |log|w_T - w*|| difference over the checked "
        + "trajectories, single- minus double-precision arithmetic on the same words");
    put("/precision/max_draw_relative_error", ONE, "largest relative error of a single-precision x^2 against the "
        + "same words in double precision");
    put("/theory", MIXED, "theory beside the estimates: exact, or with a stated error (a _stderr above 0)");
    put("/performance", MIXED, "how fast the run went and on what (the results do not depend on it)");
    put("/data", MIXED, "the finite dataset every trajectory samples from");
    put("/grid", MIXED, "the axes of the scan or sweep");
    put("/live", MIXED, "the progress of a live file (sweep --live, simulate --live), which fills in while the run "
        + "goes; the final file has no /live");
    put("/live/finished_cells", INDEX, "grid indices (row-major) of the cells finished so far, in the order they "
        + "finished; the other cells are NaN (phase codes 0)");
    // simulate --live
    put("/live/finished_trajectories", COUNT, "trajectories finished at each update of the live file, one row per "
        + "update; every observable and estimate is over the last row's trajectories");
    put("/trajectories", MIXED, "every trajectory's value at every recording time (--keep-trajectories)");
    put("/stationary_points", MIXED, "stationary points of the full-batch training loss, one entry per point "
        + "(labels and kinds in the attributes)");
    put("/final", MIXED, "every trajectory's state at the last step");
    put("/estimates/coordinate", MIXED, "the tail fit of u_1, the first coordinate of w - w_LS (the group above "
        + "fits |w - w_LS|)");
    put("/observables/coordinate", MIXED, "the tail diagnostics of u_1, the first coordinate of w - w_LS");

    // data
    put("/data/x", ONE, "the inputs x of the finite dataset, one per point ([point, coordinate] in d dimensions)");
    put("/data/y", ONE, "the labels y of the finite dataset");
    put("/data/chi", ONE, "chi_i = x_i y_i, all the saddle's dynamics sees of a point");
    put("/data/x_test", ONE, "the inputs of the test set");
    put("/data/y_test", ONE, "the labels of the test set");
    put("/data/covariance", ONE, "Sigma, the covariance of the Gaussian inputs (--sigma-file)");
    put("/data/w_ls", ONE, "w_LS, the least-squares solution on the dataset");
    put("/data/residual", ONE, "the residuals y_i - x_i . w_LS at the least-squares solution");

    // observables of a distance (linreg1d, linear-d, the demo)
    put("/observables/time", STEPS, "recording times: the steps at which the observables are taken");
    put("/observables/quantile_levels", ONE, "levels p of the quantiles (attribute resolution: how exact they are)");
    put("/observables/epsilons", ONE, "the distances epsilon of the fraction_within columns");
    put("/observables/log_distance_mean", LOG, "m(t): mean of log|w_t - w*| over trajectories not exactly at w*");
    put("/observables/log_distance_stderr", LOG, "standard error of log_distance_mean");
    put("/observables/log_mean_square", LOG, "log E|w_t - w*|^2 over all trajectories");
    put("/observables/log_distance_quantiles", LOG, "[time, level]: quantiles of log|w_t - w*|");
    put("/observables/fraction_within", ONE, "[time, epsilon]: fraction of trajectories with |w_t - w*| < epsilon");
    put("/observables/fraction_diverged", ONE, "fraction of trajectories with |w_t - w*| > diverged_above");
    put("/observables/fraction_exact", ONE, "fraction of trajectories with w_t = w* exactly (log distance -inf)");
    // the saddle's two directions
    for (String x : new String[] {"h", "m"}) {
      String what = x.equals("h") ? "h = w + u" : "m = w - u";
      put("/observables/log_" + x + "_mean", LOG, "mean of log|" + x + "_t| over trajectories with " + x
          + "_t != 0, " + what);
      put("/observables/log_" + x + "_stderr", LOG, "standard error of log_" + x + "_mean");
      put("/observables/log_" + x + "_mean_square", LOG, "log E[" + x + "_t^2] over all trajectories, " + what);
      put("/observables/log_" + x + "_quantiles", LOG, "[time, level]: quantiles of log|" + x + "_t|, " + what);
      put("/observables/" + x + "_fraction_within", ONE, "[time, epsilon]: fraction with |" + x + "_t| < epsilon");
      put("/observables/" + x + "_fraction_diverged", ONE, "fraction with |" + x + "_t| > diverged_above");
      put("/observables/" + x + "_fraction_exact", ONE, "fraction with " + x + "_t = 0 exactly");
    }
    // grok-linreg (seed 001): the logs of root losses and of the norm, and the event times
    for (String[] o : new String[][] {{"train", "sqrt(2 L_train) (|X w_t - y| / sqrt(n))"},
        {"test", "sqrt(2 L_test) (|w_t - beta*|, grok-diag: |beta_t - beta*|)"},
        {"norm", "the parameters' norm (|w_t|, grok-diag: sqrt(|u_t|^2 + |v_t|^2))"},
        {"target", "the distance to the drift's convex reference (grok-diag: |beta_t - beta_l1|, the minimum-l1 "
            + "interpolant; grok-mc: |U V^T - X_nuc|_F, the minimum-nuclear-norm completion)"},
        {"l1", "|beta_t|_1"}, {"nuclear", "|U_t V_t^T|_*, the nuclear norm"}}) {
      String x = o[0], what = o[1];
      {
        put("/observables/log_" + x + "_mean", LOG, "mean of log " + what + " over trajectories where it is not 0");
        put("/observables/log_" + x + "_stderr", LOG, "standard error of log_" + x + "_mean");
        put("/observables/log_" + x + "_mean_square", LOG, "log E[(" + what + ")^2] over all trajectories");
        put("/observables/log_" + x + "_quantiles", LOG, "[time, level]: quantiles of log " + what);
        put("/observables/" + x + "_fraction_within", ONE, "[time, epsilon]: fraction with " + what + " < epsilon");
        put("/observables/" + x + "_fraction_diverged", ONE, "fraction with " + what + " > diverged_above");
        put("/observables/" + x + "_fraction_exact", ONE, "fraction with " + what + " = 0 exactly");
      }
    }
    put("/events", MIXED, "per-trajectory event times, as distributions over the ensemble");
    for (String[] e : new String[][] {{"t1", "the first step at which the training loss is <= train_threshold"},
        {"t2", "the first step at which the test loss is <= test_threshold"},
        {"t2_closed_form", "t2 in closed form per trajectory: ceil(log x* / log(1 - eta lambda)), from the null-space "
            + "part of its own w_0 (theory.GrokLinregTheory); +inf where beyond the run"}}) {
      String g = "/events/" + e[0];
      put(g, MIXED, e[1]);
      put(g + "/quantiles", STEPS, "quantiles at /observables/quantile_levels over all trajectories (+inf where the "
          + "level falls among those that never got there)");
      put(g + "/fraction_never", ONE, "fraction of trajectories that never got there within the run");
      put(g + "/mean", STEPS, "mean over the trajectories that got there");
      put(g + "/mean_stderr", STEPS, "standard error of mean");
      put(g + "/histogram", COUNT, "trajectories per bin: [histogram_edges[b], histogram_edges[b+1])");
      put(g + "/histogram_edges", STEPS, "bin edges: 0, then 20 log-spaced bins per decade from 1");
    }
    // two-timescale (seed 000): the slow error, the fast jitter, the exact means, the regime times
    for (String[] o : new String[][] {{"slow", "|g(u_t) - g(u*)|, u = eps y (two-timescale: the slow part's error)"},
        {"jitter", "|x_t - lambda(u_t)|, lambda(u) = argmin_x f(x, u) on the training set (two-timescale: the fast "
            + "coordinate's distance to its slow manifold)"}}) {
      String x = o[0], what = o[1];
      put("/observables/log_" + x + "_mean", LOG, "mean of log " + what + " over trajectories where it is not 0");
      put("/observables/log_" + x + "_stderr", LOG, "standard error of log_" + x + "_mean");
      put("/observables/log_" + x + "_mean_square", LOG, "log E[(" + what + ")^2] over all trajectories");
      put("/observables/log_" + x + "_quantiles", LOG, "[time, level]: quantiles of log " + what);
      put("/observables/" + x + "_fraction_within", ONE, "[time, epsilon]: fraction with " + what + " < epsilon");
      put("/observables/" + x + "_fraction_diverged", ONE, "fraction with " + what + " > diverged_above");
      put("/observables/" + x + "_fraction_exact", ONE, "fraction with " + what + " = 0 exactly");
    }
    put("/observables/mean_test_loss", ONE, "two-timescale: E[L_test] at each recording time, exact sums over all "
        + "trajectories (L_test = (|x - x*|^2 + |g(u) - g(u*)|^2)/2)");
    put("/observables/mean_test_loss_stderr", ONE, "standard error of mean_test_loss");
    put("/observables/mean_jitter_square", ONE, "two-timescale: E|x - lambda(u)|^2 at each recording time");
    put("/observables/mean_jitter_square_stderr", ONE, "standard error of mean_jitter_square");
    put("/observables/mean_slow_square", ONE, "two-timescale: E|g(u) - g(u*)|^2 at each recording time");
    put("/observables/mean_slow_square_stderr", ONE, "standard error of mean_slow_square");
    for (String[] e : new String[][] {
        {"first_descent_end", "t1: the first step at which the test loss is <= plateau_level * band"},
        {"terminal_descent", "t3: the first step after t1 at which the test loss is <= plateau_level / band"},
        {"middle_length", "t3 - t1: the plateau or ascent between the two descents (+inf where t3 was not reached)"},
        {"in_band_steps", "steps between t1 and t3 with the test loss inside the band (+inf where t3 was not reached)"},
        {"above_band_steps", "steps after t1 (and before t3) with the test loss above the band (+inf where t1 was not "
            + "reached)"},
        {"ascent_peak_step", "the step where the ascent peaks: where the test loss rises most above its running "
            + "minimum since t1, before t3 (+inf without an ascent)"}}) {
      String g = "/events/" + e[0];
      put(g, MIXED, e[1]);
      put(g + "/quantiles", STEPS, "quantiles at /observables/quantile_levels over all trajectories (+inf where the "
          + "level falls among those that never got there)");
      put(g + "/fraction_never", ONE, "fraction of trajectories for which it is +inf");
      put(g + "/mean", STEPS, "mean over the trajectories where it is finite");
      put(g + "/mean_stderr", STEPS, "standard error of mean");
      put(g + "/histogram", COUNT, "trajectories per bin: [histogram_edges[b], histogram_edges[b+1])");
      put(g + "/histogram_edges", STEPS, "bin edges: 0, then 20 log-spaced bins per decade from 1");
    }
    put("/events/peak", MIXED, "the ascent between t1 and t3: the largest rise of the test loss above its running "
        + "minimum (rise), and the test loss where it peaks (peak)");
    put("/events/peak/log_quantiles", LOG, "quantiles of log sqrt(2 peak) at /observables/quantile_levels (-inf "
        + "without an ascent)");
    put("/events/peak/log_mean", LOG, "mean of log sqrt(2 peak) over the trajectories with an ascent");
    put("/events/peak/fraction_none", ONE, "fraction of trajectories without an ascent");
    put("/events/peak/log_rise_quantiles", LOG, "quantiles of log sqrt(2 rise) at /observables/quantile_levels (-inf "
        + "without an ascent)");
    put("/events/peak/log_rise_mean", LOG, "mean of log sqrt(2 rise) over the trajectories with an ascent");
    put("/data/p", ONE, "two-timescale: the fast features p_i ([point, coordinate])");
    put("/data/q", ONE, "two-timescale: the slow features q_i ([point, coordinate]), seen through u = eps y");
    put("/data/labels", ONE, "two-timescale: the labels l_i = p_i . x* + q_i . g(u*) + noise xi_i");
    put("/data/x_star", ONE, "two-timescale: the teacher's fast weights x*");
    put("/data/u_star", ONE, "two-timescale: the teacher's slow coordinates u*");
    put("/data/g_star", ONE, "two-timescale: g(u*), the teacher's slow outputs");
    put("/theory/flow_mean_test_loss", ONE, "two-timescale teacher-student: the ensemble's mean test loss under "
        + "gradient flow at time a k, k the recording times, in closed form (theory.TwoTimescaleTheory)");
    put("/theory/gd_mean_test_loss", ONE, "two-timescale teacher-student: the ensemble's mean test loss after k steps "
        + "of full-batch GD, exactly (NaN for minibatch runs)");
    put("/theory/least_squares_test_loss", ONE, "two-timescale teacher-student: the test loss of the least-squares "
        + "fit, where GD and the flow end");
    put("/theory/h_eigenvalue_min", ONE, "smallest eigenvalue of H = Phi^T Phi / n, features phi = (p, eps q): the "
        + "slow rate is a times it");
    put("/theory/h_eigenvalue_max", ONE, "largest eigenvalue of H: GD is stable for a below 2 over it");
    put("/grid/eps", ONE, "two-timescale sweep: the scale separation eps of each cell (the step a is /grid/cell_lr; a outer, eps inner)");
    for (String e : new String[] {"first_descent_end", "terminal_descent", "middle_length"}) {
      String p = "/cells/" + e;
      put(p + "_quantiles", STEPS, "[cell, level]: quantiles of " + e + " (as /events/" + e + " of a run)");
      put(p + "_fraction_never", ONE, "per cell: fraction of trajectories for which " + e + " is +inf");
      put(p + "_mean", STEPS, "per cell: mean of " + e + " where finite");
      put(p + "_mean_stderr", STEPS, "standard error of " + e + "_mean");
    }
    put("/cells/stationary_jitter_square", ONE, "per cell: E|x - lambda(u)|^2 at the cell's last step");
    put("/cells/stationary_jitter_square_stderr", ONE, "standard error of stationary_jitter_square");
    put("/estimates/middle_exponent_slow_step", ONE, "p of mean(t3 - t1) ~ (a eps^2)^p over the fitted cells (-1 when "
        + "u = eps y sets the time scale)");
    put("/estimates/middle_exponent_slow_step_stderr", ONE, "standard error of middle_exponent_slow_step");
    put("/estimates/middle_exponent_slow_step_ci95", ONE, "95% interval of middle_exponent_slow_step");
    put("/estimates/middle_exponent_eps", ONE, "q of mean(t3 - t1) ~ eps^q at one a (-2 for step a eps^2, -1 for a "
        + "eps)");
    put("/estimates/middle_exponent_eps_stderr", ONE, "standard error of middle_exponent_eps");
    put("/estimates/middle_exponent_eps_ci95", ONE, "95% interval of middle_exponent_eps");
    put("/estimates/stationary_c_a", ONE, "c_a of the weighted fit stationary_jitter_square = c_a a + c_eps eps "
        + "(Theorem 4.5's O(a) + O(eps))");
    put("/estimates/stationary_c_a_stderr", ONE, "standard error of stationary_c_a (scaled by sqrt(chi2/dof) above 1)");
    put("/estimates/stationary_c_eps", ONE, "c_eps of the same fit");
    put("/estimates/stationary_c_eps_stderr", ONE, "standard error of stationary_c_eps");
    put("/estimates/stationary_chi2_per_dof", ONE, "chi2 per degree of freedom of the two-term fit");
    put("/cells", MIXED, "one row per cell of the sweep (grid order)");
    for (String e : new String[] {"t1", "t2", "t2_closed_form"}) {
      put("/cells/" + e + "_quantiles", STEPS, "[cell, level]: quantiles of " + e + " (levels in "
          + "/observables/quantile_levels)");
      put("/cells/" + e + "_fraction_never", ONE, "fraction of the cell's trajectories that never reached the level");
      put("/cells/" + e + "_mean", STEPS, "mean " + e + " over the trajectories that reached the level");
    }
    put("/cells/t2_agreeing_fraction", ONE, "fraction whose t2 and closed form differ by at most 1 step");
    put("/cells/t2_slope", ONE, "per cell, the slope of eta lambda t2 on log(|P_perp w_0|^2 / (2 delta))");
    put("/cells/endpoint_test_loss", ONE, "test loss of the cell's ridge endpoint");
    put("/cells/endpoint_distance_median", ONE, "sweep grok-diag: median |beta_T - beta_l1| at the cell's last step; "
        + "sweep grok-mc: median |W_T - X_nuc|_F (the distance of the endpoint to the lambda -> 0 limit)");
    put("/cells/endpoint_kinks_mean", COUNT, "sweep grok-relu: mean number of kinks of the learned function at the "
        + "cell's last step");
    put("/cells/fitted", INDEX, "1 where the cell is in the fit (both levels reached by all, t2 >= 10 t1), else 0");
    put("/grid/lambda", ONE, "the weight decays of the cells");
    put("/grid/steps", STEPS, "steps each cell ran");
    put("/estimates/t2_exponent", ONE, "p of mean t2 ~ lambda^p over the fitted cells (should be -1)");
    put("/estimates/t2_exponent_ci95", ONE, "95% interval {low, high} of the t2 exponent");
    put("/estimates/t2_exponent_eta_lambda", ONE, "p of mean t2 ~ (eta lambda)^p over the fitted cells of every "
        + "learning rate (should be -1: t2 collapses on 1/(eta lambda))");
    put("/estimates/t2_exponent_eta_lambda_ci95", ONE, "95% interval {low, high} of the t2 exponent against eta lambda");
    put("/estimates/t1_exponent", ONE, "p of mean t1 ~ lambda^p over the fitted cells (should be 0)");
    put("/estimates/t1_exponent_ci95", ONE, "95% interval {low, high} of the t1 exponent");
    // sweep grok-signature (seed 003): per-trajectory spectral signatures of the first K losses, AUROCs
    put("/signature", MIXED, "per trajectory of every cell (cell-major, /signature/cell says which): the spectral "
        + "signature of the training loss over states 0..K-1 (K = window) and the label");
    put("/signature/features", ONE, "[feature, trajectory]: the features named in the attribute names (seed_energy "
        + "= sum L^2, seed_mobility = sqrt(m2/m0), seed_complexity = sqrt(m4/m2), hjorth_activity = var L, "
        + "hjorth_mobility = sqrt(var D / var L), hjorth_complexity = sqrt(var E var L) / var D; D, E the first and "
        + "second differences)");
    put("/signature/grokked", INDEX, "1 where the trajectory generalised within the budget (t2 <= T), else 0");
    put("/signature/t2", STEPS, "the first step at which the test loss is <= test_threshold (+inf: never within T)");
    put("/signature/final_test_loss", ONE, "the test loss at step T");
    put("/signature/cell", INDEX, "the trajectory's cell (row of /grid and /cells)");
    put("/cells/fraction_grokked", ONE, "fraction of the cell's trajectories with t2 <= T");
    put("/cells/median_seed_energy", ONE, "median over the cell of the seed's m0 = sum_{t<K} L_t^2 (seed Fig. 2, "
        + "bottom)");
    put("/cells/median_final_test_loss", ONE, "median over the cell of the test loss at step T (seed Fig. 2, top)");
    put("/cells/grokked_in_window", COUNT, "trajectories of the cell with t2 < K (they generalised inside the window)");
    put("/cells/auroc", ONE, "[cell, feature]: AUROC of each feature for the label within the cell (NaN when every "
        + "label is the same)");
    put("/estimates/auroc", ONE, "per feature (names attribute), the AUROC for predicting t2 <= T over every "
        + "trajectory of the grid: P(score of a grokked > score of a non-grokked) + P(tie)/2 (Mann-Whitney)");
    put("/estimates/auroc_ci95", ONE, "[feature, {low, high}]: percentile-bootstrap 95% interval of the AUROC "
        + "(trajectories resampled with replacement)");
    put("/estimates/auroc_null_stderr", ONE, "sqrt((n1 + n0 + 1) / (12 n1 n0)): the AUROC's standard deviation for a "
        + "feature independent of the label");
    put("/estimates/grokked_count", COUNT, "trajectories of the grid with t2 <= T");
    put("/estimates/not_grokked_count", COUNT, "trajectories of the grid with t2 > T");
    // sweep grok-fraction (seed 003, App. E): t2 against the train fraction r = n/d
    put("/grid/fraction", ONE, "the train fraction r = n/d of each cell");
    put("/cells/in_law_fit", INDEX, "1 where the cell is in the fit of the law (every trajectory reached t2), else 0");
    put("/cells/t2_median", STEPS, "median t2 of the cell (+inf when most never reached it)");
    put("/estimates/fraction_law_gamma", ONE, "gamma of seed 003's law t2(r) = a r^-gamma + b, fitted to the mean t2 "
        + "of the fitted cells");
    put("/estimates/fraction_law_gamma_ci95", ONE, "profile-likelihood 95% interval {low, high} of gamma (an end at "
        + "0.01 or 20 is the scan's edge: unbounded there)");
    put("/estimates/fraction_law_a", STEPS, "a of the law at the fitted gamma");
    put("/estimates/fraction_law_b", STEPS, "b of the law at the fitted gamma: t2 as r -> infinity");
    put("/estimates/fraction_law_chi2_per_dof", ONE, "chi2 per degree of freedom of the fit (cells - 3)");
    put("/data/points", ONE, "the 1-D inputs t_i in [0, 2 pi) of grok-diag's Fourier dataset; /data/x holds their "
        + "features sqrt(2) (cos jt, sin jt), j = 1..d/2");
    put("/data/beta_star", ONE, "the teacher beta*, |beta*| = 1: y = X beta* + noise");
    put("/observables/kinks_mean", ONE, "mean over trajectories of the number of kinks of the learned function in "
        + "[-1, 1] (kinks closer than 0.02 merged, slope change above kink_threshold)");
    put("/observables/kinks_count", COUNT, "[time, kinks]: trajectories with that many kinks");
    put("/observables/function_x", ONE, "the points of [-1, 1] the learned function is drawn at");
    put("/observables/function_teacher", ONE, "the teacher f* at function_x");
    put("/observables/function_trajectory0", ONE, "[time, point]: trajectory 0's learned function at function_x");
    put("/data/teacher_kinks", ONE, "the teacher's kinks k_t: f*(x) = sum_t c_t relu(x - k_t)");
    put("/data/teacher_slopes", ONE, "the teacher's slope changes c_t");
    put("/theory/teacher_kinks_count", COUNT, "the teacher's number of kinks");
    put("/data/truth", ONE, "M*, the rank-r ground truth (d x d)");
    put("/data/mask", ONE, "1 where the entry of M* is observed, 0 elsewhere");
    put("/observables/singular_values_mean", ONE, "[time, k]: mean over trajectories of the k-th singular value of U V^T");
    put("/theory/min_nuclear_completion", ONE, "X_nuc = argmin |X|_* subject to X = M* on the observed entries (ADMM)");
    put("/theory/min_nuclear_norm", ONE, "|X_nuc|_*");
    put("/theory/min_nuclear_iterations", COUNT, "ADMM iterations to the stated tolerance (1e-9 relative)");
    put("/theory/min_nuclear_residual", ONE, "the ADMM primal residual |X - Z|_F at the end");
    put("/theory/min_nuclear_test_loss", ONE, "|X_nuc - M*|_F^2 / (2 d^2)");
    // grok-mc --dataset per-trajectory (issue 12): no one X_nuc; the first trajectories' own, instead
    put("/theory/min_nuclear_distances", ONE, "grok-mc --dataset per-trajectory: |W_T - X_nuc|_F at the last step of "
        + "each of the first 16 trajectories, each against its own dataset's minimum-nuclear-norm completion");
    put("/theory/min_nuclear_test_losses", ONE, "grok-mc --dataset per-trajectory: |X_nuc - M*|_F^2 / (2 d^2) of each "
        + "of those trajectories' own completion and truth");
    put("/theory/min_nuclear_norms", ONE, "grok-mc --dataset per-trajectory: |X_nuc|_* of each of those "
        + "trajectories' own completion");
    put("/theory/truth_singular_values", ONE, "the singular values of M*");
    put("/theory/min_l1_interpolant", ONE, "beta_l1 = argmin |beta|_1 subject to X beta = y, by commons-math3's "
        + "simplex solver");
    put("/theory/min_l1_norm", ONE, "|beta_l1|_1");
    put("/theory/min_l1_residual", ONE, "max_i |x_i . beta_l1 - y_i|: how exactly the solver's beta_l1 interpolates");
    put("/theory/min_l1_test_loss", ONE, "|beta_l1 - beta*|^2 / 2: the test loss at the end of the drift as lambda -> 0");
    put("/theory/rank", COUNT, "rank of X (n for Gaussian inputs)");
    put("/theory/mu_min", ONE, "smallest non-zero eigenvalue of X^T X / n: the fast phase's slowest rate is eta (mu_min "
        + "+ lambda)");
    put("/theory/mu_max", ONE, "largest eigenvalue of X^T X / n (GD is stable iff eta (mu_max + lambda) < 2)");
    put("/theory/endpoint_test_loss", ONE, "test loss |w - beta*|^2 / 2 of the drift's endpoint, the ridge solution");
    put("/theory/endpoint_train_loss", ONE, "training loss of the ridge solution");
    put("/theory/endpoint_norm", ONE, "|w_inf|, the norm of the ridge solution");
    put("/theory/expected_null_init_square", ONE, "E|P_perp w_0|^2 = alpha^2 (d - rank) / d");
    put("/theory/drift_steps", STEPS, "1 / (eta lambda): the slow time scale");
    put("/theory/t2_minus_closed_form", STEPS, "mean over trajectories (both finite) of simulated t2 minus its "
        + "closed form");
    put("/theory/t2_agreeing_fraction", ONE, "fraction of trajectories whose t2 and closed form differ by at most 1 "
        + "step (or are both +inf)");
    put("/theory/t2_slope", ONE, "least-squares slope of eta lambda t2 on log(|P_perp w_0|^2 / (2 test_excess)) over "
        + "trajectories: 1/2 for gradient flow when |P_perp w_0| >> |P_perp beta*|");
    // grok-linreg --dataset per-trajectory (issue 12): /theory's rank .. expected_null_init_square are then means
    // over the trajectories' own datasets (the writer says so in /theory@description)
    put("/theory/min_l1_distance", ONE, "grok-diag --dataset per-trajectory: |beta_T - beta_l1| at the last step of "
        + "each of the first trajectories, each against its own dataset's minimum-l1 interpolant");
    put("/theory/min_l1_test_losses", ONE, "grok-diag --dataset per-trajectory: |beta_l1 - beta*|^2 / 2 of each of "
        + "those trajectories' interpolants (about 0 where basis pursuit recovers the sparse teacher)");
    put("/theory/unstable_datasets", COUNT, "trajectories whose own dataset makes full-batch GD unstable (eta (mu_max "
        + "+ lambda) >= 2); 0 with one fixed dataset, which is refused before the run instead");
    // the two-layer nets
    put("/observables/fraction", ONE, "[time, class]: fraction of trajectories in each end-state class "
        + "(names in /observables@classes)");
    // the tails' diagnostics
    put("/observables/ccdf", ONE, "the empirical survival function P(X >= x) at ccdf_x");
    put("/observables/ccdf_x", ONE, "log-spaced points x of the survival function");
    put("/observables/hill_k", COUNT, "candidate numbers k of tail points (a geometric grid)");
    put("/observables/hill_alpha", ONE, "the Hill estimate of the tail index at each k: the Hill plot");
    put("/observables/hill_xmin", ONE, "the threshold at each k: the k-th largest sample");
    put("/observables/hill_ks_distance", ONE, "KS distance between the samples above each threshold and their "
        + "Pareto fit");
    put("/observables/moment_gamma", ONE, "the moment estimator's gamma (= 1/alpha) at each k");
    put("/observables/bootstrap_alpha", ONE, "each bootstrap replicate's Hill estimate");

    // estimates
    put("/estimates/lyapunov", RATE, "the simulated Lyapunov exponent: mean over trajectories of the growth per "
        + "step of the log-distance (attribute method, or data/SCHEMA.md)");
    put("/estimates/lyapunov_late", RATE, "the same over the late window (attribute window): a check for "
        + "transients");
    put("/estimates/lyapunov_plus", RATE, "Lambda_+: mean over trajectories of (log|h_T| - log|h_0|) / T, "
        + "h = w + u");
    put("/estimates/lyapunov_minus", RATE, "Lambda_-: mean over trajectories of (log|m_T| - log|m_0|) / T, "
        + "m = w - u");
    put("/estimates/lyapunov_plus_late", RATE, "Lambda_+ over the late window (attribute window)");
    put("/estimates/lyapunov_minus_late", RATE, "Lambda_- over the late window (attribute window)");
    put("/estimates/lyapunov_spectrum", RATE, "Lambda_a, a = 1..k: mean over trajectories of L_a(T) / T");
    put("/estimates/lyapunov_spectrum_late", RATE, "Lambda_a over the late window (attribute window)");
    // written by main's issue-15 and issue-11 work, named here ahead of the merge
    put("/estimates/lyapunov_spectrum_whole_run", RATE, "Lambda_a over the whole run, 0 to T: mean over trajectories "
        + "of L_a(T) / T");
    put("/estimates/drift", RATE, "per trajectory L_a(T)/T - L_a(T/2)/(T/2), averaged: about minus the bias left "
        + "in lyapunov_spectrum");
    put("/estimates/lyapunov_sum", RATE, "Lambda_1 + ... + Lambda_k from the per-trajectory sums");
    put("/estimates/time", STEPS, "the recording times after 0: the rows of lyapunov_at_time");
    put("/estimates/lyapunov_at_time", RATE, "[time, a]: mean over trajectories of L_a(t) / t, the estimate had "
        + "the run stopped at t");
    put("/estimates/phase", INDEX, "the phase the simulated exponents name: an index into phase_names");
    put("/estimates/phase_confidence", ONE, "how many standard errors the less certain exponent lies from 0 "
        + "(below 4: uncertain)");
    put("/estimates/end_fraction", ONE, "fraction of trajectories in each end-state class at the last step");
    put("/estimates/test_loss", ONE, "mean test loss of each class's trajectories at the end");
    put("/estimates/train_loss", ONE, "mean training loss of each class's trajectories at the end");
    put("/estimates/mean_u", ONE, "mean u of each class's trajectories at the end");
    put("/estimates/mean_w", ONE, "mean w of each class's trajectories at the end");
    put("/estimates/mean_test_loss", ONE, "mean test loss over the trajectories that did not diverge");
    put("/estimates/samples", COUNT, "samples of the stationary law: trajectories x observations each");
    put("/estimates/finite_samples", COUNT, "samples that are finite (their trajectory did not diverge)");
    put("/estimates/diverged_fraction", ONE, "fraction of trajectories that diverged");
    put("/estimates/tail_index", ONE, "the Hill estimate of the tail index alpha above the threshold calibrated on "
        + "Kesten laws (NaN where none is reported; the status says why)");
    put("/estimates/tail_index_ci", ONE, "interval {low, high} of the tail index (attribute level); NaN where the "
        + "sample is too small for an honest one (attribute status says why)");
    put("/estimates/tail_index_ci_low", ONE, "lower end of the interval of the tail index (NaN: none given)");
    put("/estimates/tail_index_ci_high", ONE, "upper end of the interval of the tail index (NaN: none given)");
    put("/estimates/interval_given", ONE, "1 where an interval of the tail index is given, 0 where the sample is too "
        + "small for an honest one at this alpha");
    put("/estimates/tail_xmin", ONE, "the calibrated threshold: the samples at or above it are the fitted tail");
    put("/estimates/tail_k", COUNT, "samples at or above tail_xmin, used by the Hill estimator");
    put("/estimates/tail_k_cap", COUNT, "the most tail points the calibration allows at this sample size and alpha");
    put("/estimates/ks_tail_index", ONE, "the Hill estimate above the threshold of the KS rule: biased low at large "
        + "alpha on Kesten laws");
    put("/estimates/ks_tail_index_ci", ONE, "bootstrap percentile interval {low, high} of ks_tail_index");
    put("/estimates/ks_tail_xmin", ONE, "the threshold of the KS rule");
    put("/estimates/ks_tail_k", COUNT, "samples at or above ks_tail_xmin");
    put("/estimates/ks_distance", ONE, "KS distance between the tail and its Pareto fit at the KS threshold");
    put("/estimates/moment_index", ONE, "the Dekkers-Einmahl-de Haan moment estimate of the tail index");
    put("/estimates/index_reported", ONE, "1 where a tail index is reported, 0 where there is no stationary law");
    put("/estimates/theory_outside_ci", ONE, "1 where the reported interval excludes the Kesten index, else 0");
    put("/estimates/burn_in", STEPS, "steps before a trajectory's first observation");
    put("/estimates/thin", STEPS, "steps between a trajectory's observations");

    // every trajectory at the end (the two-layer nets)
    put("/final/u", ONE, "u at the last step (frozen at its last finite state if diverged)");
    put("/final/w", ONE, "w at the last step (frozen at its last finite state if diverged)");
    put("/final/diverged_at", STEPS, "step at which the trajectory diverged, -1 if it did not");
    put("/final/class", INDEX, "end-state class: an index into /observables@classes");
    put("/final/test_loss", ONE, "test loss at the last step");

    // axes
    put("/grid/lr", ONE, "the learning rates");
    put("/grid/batch", COUNT, "the batch sizes");
    put("/grid/mu", ONE, "the signal fraction mu of the labels y = mu x + (1 - mu) eps");
    put("/grid/a", ONE, "the second value a of the two-point chi");
    put("/grid/n", COUNT, "the dataset sizes N (0: fresh data each step)");
    put("/grid/outlier", ONE, "the outlier's x_1^2 = C");

    // stationary points of the two-layer nets
    put("/stationary_points/u", ONE, "u of each point");
    put("/stationary_points/w", ONE, "w of each point");
    put("/stationary_points/train_loss", ONE, "the training loss L there");
    put("/stationary_points/test_loss", ONE, "the test loss there");
    put("/stationary_points/gradient_norm", ONE, "|grad L| there (below 1e-10)");
    put("/stationary_points/h_uu", ONE, "the Hessian of L there: d^2 L / du^2");
    put("/stationary_points/h_uw", ONE, "the Hessian of L there: d^2 L / du dw");
    put("/stationary_points/h_ww", ONE, "the Hessian of L there: d^2 L / dw^2");
    put("/stationary_points/eig_min", ONE, "the smaller eigenvalue of the Hessian");
    put("/stationary_points/eig_max", ONE, "the larger eigenvalue of the Hessian (the sharpness h of a minimum)");
    put("/stationary_points/lr_gd", ONE, "2 / h for a minimum (GD's linear-stability threshold), NaN otherwise");

    // theory
    put("/theory/lyapunov", RATE, "the exact Lyapunov exponent (E log|1 - lr q|; tails: E ln|a|), attribute "
        + "method");
    put("/theory/lyapunov_plus", RATE, "the exact Lambda_+ = E log|1 + lr chib| (attribute method)");
    put("/theory/lyapunov_minus", RATE, "the exact Lambda_- = E log|1 - lr chib| (attribute method)");
    put("/theory/lyapunov_d1", RATE, "d = 1: the exact exponent of the 1-D model, E log|1 - lr q|");
    put("/theory/lyapunov_top_isotropic", RATE, "isotropic Gaussian data: Lambda_1 = E log|M e_1|, exact by "
        + "rotation invariance");
    put("/theory/log_det_mean", RATE, "Lambda_1 + ... + Lambda_d = E log|det M|");
    put("/theory/log_mean_square_rate", RATE, "log E[(1 - lr q)^2]: the exact growth of log E|w_t - w*|^2 per "
        + "step");
    put("/theory/log_variance_rate", RATE, "the exact growth of Var log|w_t - w*| per step: Var log|1 - lr q| "
        + "for batches drawn afresh, Var log|A| / K over whole epochs when reshuffled (A the epoch's product)");
    put("/theory/lr_gd", ONE, "GD's threshold 2 / E[x^2] (the nets: 2 / h of each minimum)");
    put("/theory/lr_mean_square", ONE, "the largest learning rate with E[(1 - lr q)^2] < 1: convergence in mean "
        + "square");
    put("/theory/lr_stationary", ONE, "(2 / E[x^2]) / (1 + 1/S), the stationary threshold");
    put("/theory/lr_probabilistic", ONE, "the learning rate where the exact Lyapunov exponent changes sign: the "
        + "edge of convergence in probability");
    put("/theory/mean_square_factor_plus", ONE, "E[(1 + lr chib)^2]: E[h_{t+1}^2] = factor * E[h_t^2]");
    put("/theory/mean_square_factor_minus", ONE, "E[(1 - lr chib)^2]: E[m_{t+1}^2] = factor * E[m_t^2]");
    put("/theory/phase", INDEX, "the phase the exact exponents name: an index into phase_names");
    put("/theory/phase_confidence", ONE, "how many standard errors the less certain exact exponent lies from 0 "
        + "(inf when both are exact)");
    put("/theory/fine_lr", ONE, "a fine grid of learning rates, for plots");
    put("/theory/fine_lyapunov", RATE, "the exact exponent on fine_lr");
    put("/theory/fine_lyapunov_plus", RATE, "the exact Lambda_+ at the saddle C on fine_lr");
    put("/theory/fine_lyapunov_minus", RATE, "the exact Lambda_- at the saddle C on fine_lr");
    put("/theory/minimum_lyapunov", RATE, "top Lyapunov exponent of SGD linearised at each minimum (Monte Carlo)");
    put("/theory/saddle_attractive", ONE, "[interval, {lo, hi}]: the learning rates where the saddle C attracts "
        + "in probability");
    put("/theory/tail_index", ONE, "the Kesten index alpha solving E|a|^alpha = 1: +inf for a light tail, NaN "
        + "where there is no stationary law");
    put("/theory/regime", INDEX, "the theory's regime per cell: an index into regime_names");

    // sde covariance: the minibatch gradient's covariance at a fixed theta (seed 004, sec. 1.8)
    put("/data/gradients", ONE, "[point, coordinate]: the per-sample gradients g_i at theta");
    put("/estimates/covariance_with_replacement", ONE, "[batch, entry]: sample covariance of the batch-mean "
        + "gradient over m batches drawn with replacement (entries j,k in the attribute entries)");
    put("/estimates/covariance_without_replacement", ONE, "[batch, entry]: sample covariance of the batch-mean "
        + "gradient over m batches drawn without replacement");
    put("/estimates/z_with_replacement_iid", ONE, "[batch, entry]: (measured - Sigma/B) / stderr, with replacement");
    put("/estimates/z_with_replacement_finite_population", ONE, "[batch, entry]: (measured - Sigma (n-B)/(B(n-1))) "
        + "/ stderr, with replacement (the seed's sec. 6 attribution; wrong)");
    put("/estimates/z_without_replacement_iid", ONE, "[batch, entry]: (measured - Sigma/B) / stderr, without "
        + "replacement");
    put("/estimates/z_without_replacement_finite_population", ONE, "[batch, entry]: (measured - Sigma (n-B)/(B(n-1)))"
        + " / stderr, without replacement (the right formula)");
    put("/theory/mean_gradient", ONE, "the full-batch gradient g_n = (1/n) sum_i g_i at theta");
    put("/theory/sigma", ONE, "[coordinate, coordinate]: Sigma = (1/n) sum_i (g_i - g_n)(g_i - g_n)^T");
    put("/theory/covariance_iid", ONE, "[batch, entry]: Sigma/B, the exact batch covariance with replacement");
    put("/theory/covariance_finite_population", ONE, "[batch, entry]: Sigma (n-B)/(B(n-1)), the exact batch "
        + "covariance without replacement");

    // sde stationary: SGD's stationary law in 1-D against its noise models, one row per (lr, B) cell
    put("/grid/cell_lr", ONE, "the learning rate of each cell");
    put("/grid/cell_batch", COUNT, "the batch size of each cell");
    put("/estimates/second_moment", ONE, "[cell, model]: the sample mean of u^2 (finite only where the tail "
        + "index exceeds 2; its standard error where it exceeds 4)");
    put("/estimates/tv_to_sgd", ONE, "[cell, model]: total-variation distance between the model's histogram of u "
        + "and SGD's (overflow bins included)");
    put("/estimates/tv_to_zero_flux", ONE, "[cell, model]: total-variation distance between the model's histogram "
        + "and the zero-flux density's bin masses");
    put("/estimates/tv_noise", ONE, "per cell: TV distance between two halves of SGD's trajectories over sqrt 2, "
        + "the sampling noise of tv_to_sgd");
    put("/estimates/tail_predictor", INDEX, "per cell: the model (index into /grid@models) whose own tail index "
        + "is nearest SGD's Kesten index; -1: the SDE's own index");
    put("/estimates/bulk_predictor", INDEX, "per cell: the model whose histogram is nearest SGD's; -1: the "
        + "zero-flux density, -2: seed eq. (29)");
    put("/observables/bin_edges", ONE, "[cell, edge]: histogram bin edges on u = w - w_LS, over SGD's central 98%");
    put("/observables/histograms", ONE, "[cell x model, bin]: fraction of samples in each bin, then below the "
        + "first edge, then above the last (row cell * models + model)");
    put("/theory/sde_tail_index", ONE, "per cell: the SDE's own tail index 1 + 2 m2 / (eta f A) of its zero-flux "
        + "law");
    put("/theory/sde_second_moment", ONE, "per cell: the SDE's stationary E[u^2] = eta f C / (2 m2 - eta f A)");
    put("/theory/euler_second_moment", ONE, "[cell, model]: Euler-Maruyama's exact stationary E[u^2] at "
        + "dt = eta / l (NaN for SGD and stable; l = 1 equals SGD's)");
    put("/theory/zero_flux_bins", ONE, "[cell, bin]: the zero-flux density's mass in each bin (then below, "
        + "above)");
    put("/theory/seed29_bins", ONE, "[cell, bin]: seed 004 eq. (29)'s mass in each bin (then below, above)");

    // sde escape: first-exit times from a double well, one row per (height, width, lr, B) cell; times in SDE
    // time (steps x lr)
    put("/data/a", ONE, "the tilts a_i of the double-well dataset (per-sample loss U + a_i theta + b_i theta^2/2)");
    put("/data/b", ONE, "the curvatures b_i of the double-well dataset");
    put("/grid/cell_height", ONE, "the barrier height of each cell");
    put("/grid/cell_width", ONE, "the distance of each cell's minima from the barrier top");
    put("/grid/cell_budget", ONE, "each cell's censoring time, in SDE time (--steps x lr)");
    put("/estimates/mean_exit_time", ONE, "[cell, model]: the mean first-exit time in SDE time (steps x lr): the "
        + "sample mean, or with censoring the exponential survival estimate sum min(T, budget) / exits");
    put("/estimates/censored_fraction", ONE, "[cell, model]: fraction of trajectories still in the well at the budget");
    put("/estimates/left_exit_fraction", ONE, "[cell, model]: fraction that left through the left exit (-3 width)");
    put("/estimates/restricted_mean_exit_time", ONE, "[cell, model]: the mean of min(T, budget), a lower bound of "
        + "the mean");
    put("/estimates/exit_time_q10", ONE, "[cell, model]: the 10% quantile of the exit time (inf beyond the budget)");
    put("/estimates/exit_time_median", ONE, "[cell, model]: the median exit time (inf beyond the budget)");
    put("/estimates/exit_time_q90", ONE, "[cell, model]: the 90% quantile of the exit time (inf beyond the budget)");
    put("/estimates/exit_time_cv", ONE, "[cell, model]: standard deviation over mean of the exits seen (1 for an "
        + "exponential law)");
    put("/estimates/sgd_predictor", INDEX, "per cell: the prediction nearest SGD's mean in |ln ratio|: a model index "
        + "(/estimates@models) >= 1, or -1 .. -5 for /estimates@theories; -2^31 where SGD never exited");
    put("/observables/survival_times", ONE, "[cell, point]: times (SDE time) of the survival curves, log-spaced up to "
        + "the budget");
    put("/observables/survival", ONE, "[cell x model, point]: the fraction of trajectories not yet exited at each "
        + "survival time (row cell * models + model)");
    put("/theory/exact_mean_exit_time", ONE, "per cell: the SDE's exact mean first passage time from -width to "
        + "+width, int dy e^Phi int dz e^-Phi / D (quadrature)");
    put("/theory/kramers_mean_exit_time", ONE, "per cell: Kramers with state-dependent D: 2 pi / sqrt(U''(m) "
        + "|U''(s)|) sqrt(D(s)/D(m)) exp(Phi(s) - Phi(m))");
    put("/theory/kramers_frozen_mean_exit_time", ONE, "per cell: textbook Kramers with D frozen at the minimum: "
        + "2 pi / sqrt(U''(m) |U''(s)|) exp(height / D(m))");
    put("/theory/quasi_potential_barrier", ONE, "per cell: Phi(0) - Phi(-width) = int U'/D, the barrier in noise "
        + "units");
    put("/theory/stable_mean_exit_time", ONE, "per cell: Imkeller-Pavlyukevich's 1 / (eps^alpha K (width^-alpha + "
        + "(2 width)^-alpha)), K = Gamma(alpha) sin(pi alpha/2) / pi (NaN without stable noise)");
    put("/theory/sgd_large_deviation_barrier", ONE, "per cell: SGD's own barrier (V(0) - V(-width)) / lr, V = int p*, "
        + "p* the root of -p U' + B ln mean_i exp(-p (a_i + b_i theta) / B) = 0 (Freidlin-Wentzell for the chain)");
    put("/theory/sgd_large_deviation_mean_exit_time", ONE, "per cell: Kramers' state-D prefactor times "
        + "exp(sgd_large_deviation_barrier)");
    put("/theory/stable_scale", ONE, "per cell: the stable scale eps = sqrt(lr Sigma(-width) / (2B))");
    put("/fits", MIXED, "fitted escape laws: weighted least-squares slopes of ln(mean exit time); the attribute "
        + "model names the model or theory of each row");
    put("/fits/variable", INDEX, "0: slope against the height (an inverse temperature), 1: against ln width "
        + "(/fits@variables)");
    put("/fits/lr", ONE, "the learning rate of the fitted cells");
    put("/fits/batch", COUNT, "the batch size of the fitted cells");

    // sde escape --landscape 2d: first-exit times from each basin of a two-basin 2-D landscape, one row per
    // (lr, B, basin) cell; times in SDE time (steps x lr)
    put("/data/ax", ONE, "the x tilts ax_i of the two-basin dataset (per-sample loss U + ax_i x + ay_i y + b_i |theta|^2/2)");
    put("/data/ay", ONE, "the y tilts ay_i of the two-basin dataset");
    put("/grid/cell_basin", INDEX, "0: escape from the left basin, 1: from the right one");
    put("/grid/cell_depth", ONE, "the depth U(saddle) - U(minimum) of the cell's basin");
    put("/estimates/outward_exit_fraction", ONE, "[cell, model]: fraction that left outwards (one width beyond the "
        + "minimum, or |y| >= y_exit) instead of crossing to the other minimum");
    put("/theory/eyring_kramers_2d_mean_exit_time", ONE, "per cell: (2 pi / kappa) sqrt(|det H_s| / det H_m) "
        + "exp(axis_barrier) times sqrt(D_xx(0) / D_xx(min)) (exact asymptotics for sigma_b = 0, a heuristic otherwise)");
    put("/theory/reduced_1d_mean_exit_time", ONE, "per cell: the exact mean passage time of x with y averaged in its "
        + "local equilibrium (quadrature; exact for rho = sigma_b = 0)");
    put("/theory/axis_barrier", ONE, "per cell: int_min^0 f'(x) / D_xx(x) dx, the barrier in noise units along y = 0");
    put("/theory/stable_2d_mean_exit_time", ONE, "per cell: Imkeller-Pavlyukevich for coordinatewise stable noise, "
        + "1 / (eps^alpha K (2 width^-alpha + 2 y_exit^-alpha)) (NaN without stable noise)");
    put("/fits/fixed", ONE, "the width (slope against height) or height (slope against ln width) of the cells");
    put("/fits/slope", ONE, "the fitted slope");
    put("/fits/slope_ci_low", ONE, "lower end of the slope's 95% interval (= slope for a theory)");
    put("/fits/slope_ci_high", ONE, "upper end of the slope's 95% interval");
    put("/fits/points", COUNT, "cells in the fit");

    put("/performance/fit_seconds", SECONDS, "wall time of the tail fit (threshold search and bootstrap)");
    put("/performance/seconds", SECONDS, "wall time of the sweep");
    // sgdmc bench
    put("/host", MIXED, "the machine and JVM the figures come from, as attributes");
    put("/results", MIXED, "one row per kernel, vector width and thread count; the attribute kernels names the "
        + "kernel codes");
    put("/results/kernel", INDEX, "the kernel, an index into /results@kernels (org.sgdmc.kernels.KernelRegistry names)");
    put("/results/bits", COUNT, "vector width in bits the kernel ran at");
    put("/results/lanes", COUNT, "double lanes at that width");
    put("/results/threads", COUNT, "worker threads");
    put("/results/rate", THROUGHPUT, "median over the repetitions of the trajectory-steps per second");
    put("/results/rates", THROUGHPUT, "[row, repetition]: trajectory-steps per second of each repetition");
    put("/results/spread", ONE, "(max - min) / median of the repetitions");
    put("/results/efficiency", ONE, "parallel efficiency: rate over threads x the one-thread rate (same kernel "
        + "and width)");
    put("/results/vs_native", ONE, "linreg1d-gaussian only: rate over the native C reference's at the same thread "
        + "count (NaN elsewhere, or without a C compiler)");
    put("/native", MIXED, "the native C reference for linreg1d (bench/native/linreg1d_reference.c), compiled and "
        + "run beside the Java kernels; the attribute compiler says how, or why it did not run");
    put("/native/threads", COUNT, "threads of each run of the C reference");
    put("/native/rate", THROUGHPUT, "trajectory-steps per second of the C reference");
    put("/native/lyapunov", RATE, "the C reference's Lyapunov estimate, a check that it computes the same model "
        + "(theory at lr 0.5: -0.48463)");
    put("/native/in_process_rate", THROUGHPUT, "trajectory-steps per second of the same C reference built as a shared "
        + "library and called in the JVM's own process through java.lang.foreign, at the thread counts of /native/threads");
    put("/native/in_process_lyapunov", RATE, "the in-process runs' Lyapunov estimates (the same numbers as the "
        + "process's at the same size and thread count)");
    put("/native/downcall_seconds", SECONDS, "seconds per call of a no-op C function through java.lang.foreign (tens of "
        + "nanoseconds): what crossing into native code costs per call");
    put("/shard", MIXED, "one shard of a sharded run (--shard I/K): which run and which part of it, as attributes; "
        + "'sgdmc merge OUT.h5 SHARD.h5...' puts the shards together");
  }

  private Descriptions() {}

  /** The description and units of the node at {@code path}, or {@link #UNDESCRIBED}. */
  static Entry of(String path) {
    Entry e = TABLE.get(path);
    if (e != null) {
      return e;
    }
    if (path.startsWith("/estimates/coordinate/") || path.startsWith("/observables/coordinate/")) {
      Entry above = of(path.replace("/coordinate/", "/"));
      return above == UNDESCRIBED ? above : new Entry(above.description() + " (of u_1)", above.units());
    }
    if (path.endsWith("_stderr")) {
      String base = path.substring(0, path.length() - "_stderr".length());
      Entry of = of(base);
      return of == UNDESCRIBED ? of
          : new Entry("standard error of " + base.substring(base.lastIndexOf('/') + 1), of.units());
    }
    if (path.startsWith("/shard/state_")) {
      return new Entry("the shard's saved reduction, 64-bit big-endian words of sgdmc's own encoding (read by "
          + "'sgdmc merge' only)", OPAQUE);
    }
    if (path.startsWith("/trajectories/")) {
      String name = path.substring("/trajectories/".length());
      return new Entry("[time, trajectory]: " + name + " of every trajectory at every recording time", LOG);
    }
    return UNDESCRIBED;
  }
}
