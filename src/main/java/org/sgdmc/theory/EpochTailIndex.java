package org.sgdmc.theory;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The Kesten tail index of 1-D regression off interpolation under random reshuffling. One epoch applies
 * K = floor(N / S) affine maps {@code u -> a_b u + c_b}, {@code a_b = 1 - lr q_b}, in the order of one uniform
 * permutation; composed, they are one affine map {@code u -> A u + B} with {@code A = prod_b a_b}. Epochs are
 * independent, so the iterate at epoch ends is Kesten's recursion {@code Y_{e+1} = A_e Y_e + B_e} with i.i.d.
 * {@code (A_e, B_e)}, and its stationary law has the tail index alpha solving {@code E|A|^alpha = 1}
 * (Kesten-Goldie), with A's law that of the epoch's unordered partition ({@link ReshuffleEpochs}: the product
 * does not depend on the order of the batches).
 *
 * <p>Other phases of the epoch have the same index: the iterate j steps into an epoch is {@code M_j Y + Q_j}
 * with Y the epoch-end law and {@code (M_j, Q_j)} (the first j maps) independent of it and bounded, so by
 * Breiman's lemma {@code P(|M_j Y + Q_j| > s) ~ E|M_j|^alpha P(|Y| > s)}: the same alpha and a different
 * constant, unless {@code M_j = 0} almost surely. {@code tails linreg1d} observes at epoch ends all the same,
 * so its samples are draws of the very law the theory describes.
 *
 * <p>At S = 1 every epoch visits every point once and A is the same number for every permutation: the tail
 * is light whenever the exponent is negative (|A| &lt; 1, B bounded), however heavy it is with batches drawn
 * afresh. The Lyapunov exponent a step, {@code E log|A| / K}, is the one without replacement (linearity).
 */
public final class EpochTailIndex {
  /** Most partitions enumerated exactly; above it the epochs are sampled. */
  public static final long ENUMERATION_LIMIT = ReshuffleEpochs.DEFAULT_LIMIT;
  /** The sample of epochs beyond the limit (at most this many, fewer for long epochs). */
  static final long MAX_SAMPLED_EPOCHS = 200_000;
  /** Seed of the sampled epochs (a stream of its own, independent of any run's). */
  public static final long DEFAULT_SEED = 0x5EED_E90CL;

  private EpochTailIndex() {}

  /** The index for learning rate {@code lr}, data {@code x} and batch size S, with the defaults. */
  public static TailIndex linreg1d(double lr, double[] x, int batch) {
    return linreg1d(lr, x, batch, ENUMERATION_LIMIT, DEFAULT_SEED);
  }

  /**
   * The index: exact over every partition of an epoch while there are at most {@code limit} of them (method
   * exact-enumeration), else from a sample of epochs (monte-carlo, with a standard error; its regime uses
   * the bound {@code sup|A| <= (sup_b |a_b|)^K}). The Lyapunov exponent reported is the step's.
   */
  public static TailIndex linreg1d(double lr, double[] x, int batch, long limit, long seed) {
    Linreg1dTheory.checkLr(lr);
    int n = x.length;
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("batch " + batch + " must be in 1.." + n + " to reshuffle " + n + " points");
    }
    int k = n / batch;
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      sq[i] = x[i] * x[i];
    }
    Estimate step = Linreg1dTheory.lyapunovFinite(lr, x, batch, false);
    boolean exact = n <= 62 && ReshuffleEpochs.count(n, batch) <= Math.min(limit, Integer.MAX_VALUE - 8);
    double[] logs;
    double supremum;
    long sampleSize;
    if (exact) {
      logs = ReshuffleEpochs.epochLogs(lr, sq, batch, limit);
      supremum = 0;
      for (double l : logs) {
        supremum = Math.max(supremum, Math.exp(l));
      }
      sampleSize = 0;
    } else {
      long epochs = Math.max(10_000, Math.min(MAX_SAMPLED_EPOCHS, 20_000_000L / ((long) k * batch)));
      logs = sampledEpochs(lr, sq, batch, epochs, seed);
      supremum = Math.pow(TailIndexTheory.supremumOfFactor(lr, x, batch, false), k);
      sampleSize = epochs;
    }
    String method = exact ? Estimate.METHOD_EXACT_ENUMERATION : Estimate.METHOD_MONTE_CARLO_PLAIN;
    // the solver works with the epoch's law: its Lyapunov exponent is K times the step's
    Estimate epoch = new Estimate(k * step.value(), k * step.stderr(), step.method());
    TailIndex t = KestenSolver.solve(FactorAtoms.ofLogs(logs, sampleSize), epoch, supremum, method);
    return new TailIndex(step, t.regime(), t.index(), t.indexStderr(), t.method());
  }

  /**
   * log|A| of {@code epochs} sampled epochs: epoch i is trajectory i of {@link Stream#BATCH} with seed
   * {@code seed}, a forward Fisher-Yates shuffle of its first K S positions from draws 0 .. K S - 1.
   */
  static double[] sampledEpochs(double lr, double[] sq, int batch, long epochs, long seed) {
    int n = sq.length;
    int k = n / batch;
    int[] perm = new int[n];
    double[] logs = new double[(int) epochs];
    for (int e = 0; e < epochs; e++) {
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      double log = 0;
      for (int b = 0; b < k; b++) {
        double sum = 0;
        for (int j = 0; j < batch; j++) {
          int i = b * batch + j;
          int r = i + (int) Draws.index(Draws.bits(seed, Stream.BATCH, e, i), n - i);
          int picked = perm[r];
          perm[r] = perm[i];
          perm[i] = picked;
          sum += sq[picked];
        }
        log += Linreg1dTheory.logAbsOneMinus(lr, sum / batch);
      }
      logs[e] = log;
    }
    return logs;
  }
}
