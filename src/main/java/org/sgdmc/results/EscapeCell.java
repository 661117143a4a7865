package org.sgdmc.results;

/**
 * One (height, width, lr, B) cell of {@code sde escape}: the first-exit times of SGD and of its noise models from the
 * left well of the double well, beside the theory. Per-model arrays are indexed as {@link #models}; model 0 is SGD.
 *
 * @param height barrier height
 * @param width the minima's distance from the barrier top
 * @param lr learning rate eta
 * @param batch B
 * @param models labels: "sgd", "em l=1", ..., "stable alpha=1.5"
 * @param exits each model's exit times and their statistics
 * @param exact the exact mean first passage time of the SDE (double quadrature)
 * @param kramers the Eyring-Kramers law with the state-dependent diffusion (quasi-potential barrier)
 * @param kramersFrozen the textbook Kramers law with the noise frozen at the minimum
 * @param quasiBarrier {@code int_{-w}^0 U'/D}, the exponent of {@link #kramers}
 * @param stableTheory Imkeller-Pavlyukevich's mean exit time for the stable model (NaN without one)
 * @param sgdBarrier SGD's own large-deviation barrier (V(0) - V(-w)) / lr, from the dataset's cumulant generating
 *     function (the Gaussian SDE's is {@link #quasiBarrier})
 * @param sgdTheory Kramers' prefactor times exp(sgdBarrier): SGD's large-deviation prediction
 * @param stableScale the stable model's scale epsilon (NaN without one)
 * @param sgdPredictor which prediction of SGD's mean is nearest in |ln ratio|: a model index >= 1, or -1 exact SDE,
 *     -2 Kramers, -3 frozen Kramers, -4 Imkeller-Pavlyukevich, -5 SGD large deviations
 */
public record EscapeCell(double height, double width, double lr, int batch, String[] models, ExitTimes[] exits,
    double exact, double kramers, double kramersFrozen, double quasiBarrier, double stableTheory, double stableScale,
    double sgdBarrier, double sgdTheory, int sgdPredictor) {

  /** Names of the theory predictions, for codes -1 .. -4 of {@link #sgdPredictor}. */
  public static final String[] THEORIES = {"exact SDE", "Kramers (state D)", "Kramers (frozen D)",
      "Imkeller-Pavlyukevich", "SGD large deviations"};

  /** The prediction with code {@code c} (model index or -1 .. -5). */
  public double prediction(int c) {
    return switch (c) {
      case -1 -> exact;
      case -2 -> kramers;
      case -3 -> kramersFrozen;
      case -4 -> stableTheory;
      case -5 -> sgdTheory;
      default -> exits[c].mean();
    };
  }

  /** The name of prediction {@code c}. */
  public String predictionName(int c) {
    return c < 0 ? THEORIES[-c - 1] : models[c];
  }

  /** The code of the prediction nearest SGD's mean in |ln ratio| (finite ones only). */
  public static int nearest(double sgd, String[] models, ExitTimes[] exits, double[] theories) {
    int best = Integer.MIN_VALUE;
    double bestErr = Double.POSITIVE_INFINITY;
    for (int c = -theories.length; c < models.length; c++) {
      if (c == 0) {
        continue;
      }
      double v = c < 0 ? theories[-c - 1] : exits[c].mean();
      double err = Math.abs(Math.log(v / sgd));
      if (Double.isFinite(v) && v > 0 && err < bestErr) {
        bestErr = err;
        best = c;
      }
    }
    return best;
  }
}
