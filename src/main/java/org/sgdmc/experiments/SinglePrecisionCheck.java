package org.sgdmc.experiments;

import org.sgdmc.models.Linreg1d;
import org.sgdmc.rng.SingleDraws;
import org.sgdmc.rng.Stream;

/**
 * What single-precision draws cost a linreg1d run, measured on the run's own first trajectories: each one is
 * stepped twice from the same Philox words, once with the float functions the kernel uses and once with the
 * same uniforms through double-precision functions, and the two log-distances are compared. The difference
 * is the arithmetic error of the single-precision path alone; what the 23-bit uniforms change in the law
 * (no |normal| above {@link SingleDraws#MAX_NORMAL}) is stated beside it, as {@link #TAIL_PROBABILITY}.
 *
 * @param trajectories how many trajectories were checked
 * @param steps how many steps each
 * @param maxLogDistanceDifference the largest |log|w_T - w*|| difference over them, single minus double arithmetic
 * @param maxDrawRelativeError the largest relative error of a single-precision x^2 against the same words in double
 */
public record SinglePrecisionCheck(int trajectories, long steps, double maxLogDistanceDifference,
    double maxDrawRelativeError) {
  /** P(|Z| > 5.65) for a standard normal: the probability mass the single-precision draws never reach. */
  public static final double TAIL_PROBABILITY = 1.6e-8;
  /** Trajectories checked at most. */
  static final int TRAJECTORIES = 256;
  /** Steps checked at most per trajectory. */
  static final long STEPS = 2_000;

  /** Checks the first trajectories of a run of {@code steps} steps under {@code seed}. */
  public static SinglePrecisionCheck of(Linreg1d model, long seed, long trajectories, long steps) {
    int n = (int) Math.min(TRAJECTORIES, trajectories);
    long t1 = Math.min(STEPS, steps);
    int s = model.batch();
    double worstLog = 0, worstDraw = 0;
    for (int traj = 0; traj < n; traj++) {
      double logSingle = 0, logDouble = 0;
      for (long t = 0; t < t1; t++) {
        double qs = 0, qd = 0;
        for (int j = 0; j < s; j++) {
          long k = t * s + j;
          double single = SingleDraws.normalSquare(seed, Stream.DATA, traj, k);
          double exact = SingleDraws.normalSquareInDouble(seed, Stream.DATA, traj, k);
          qs += single;
          qd += exact;
          if (exact > 0) {
            worstDraw = Math.max(worstDraw, Math.abs(single - exact) / exact);
          }
        }
        logSingle += Math.log(Math.abs(Math.fma(SingleDraws.offPowersOfTwo(qs / s), -model.lr(), 1.0)));
        logDouble += Math.log(Math.abs(Math.fma(qd / s, -model.lr(), 1.0)));
      }
      if (Double.isFinite(logSingle) && Double.isFinite(logDouble)) {
        worstLog = Math.max(worstLog, Math.abs(logSingle - logDouble));
      }
    }
    return new SinglePrecisionCheck(n, t1, worstLog, worstDraw);
  }
}
