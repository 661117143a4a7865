package org.sgdmc.experiments;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.LossSignatureBlock;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.stats.Auroc;
import org.sgdmc.stats.SpectralSignature;

/**
 * Seed 003 made a measured prediction: one ensemble per (eta, lambda) cell of a grok model, each trajectory's
 * spectral signature of its training loss over the first K states ({@link LossSignatureBlock}, streamed) and its
 * label, whether it generalised ({@code t2 <= T}, the budget) within the run; then, pooled over the grid, each
 * feature's AUROC for the label with a bootstrap interval ({@link Auroc}). The lead time of the prediction is
 * {@code T - K} steps.
 */
public final class GrokSignatureExperiment {
  private GrokSignatureExperiment() {}

  /**
   * One cell: per trajectory (index = trajectory number) the features in {@link SpectralSignature#NAMES} order, t2
   * (+inf when never) and the final test loss.
   */
  public record Cell(double eta, double lambda, long steps, int window, double[][] features, double[] t2,
      double[] finalTestLoss, double kernelSeconds) {

    /** Whether trajectory i generalised within the budget. */
    public boolean grokked(int i) {
      return t2[i] <= steps;
    }

    public double fractionGrokked() {
      int k = 0;
      for (int i = 0; i < t2.length; i++) {
        k += grokked(i) ? 1 : 0;
      }
      return k / (double) t2.length;
    }

    /** Trajectories that generalised inside the window itself (t2 < K): nothing was left to predict for them. */
    public int grokkedInWindow() {
      int k = 0;
      for (double t : t2) {
        k += t < window ? 1 : 0;
      }
      return k;
    }

    public double medianFeature(int f) {
      return median(features[f]);
    }

    public double medianFinalTestLoss() {
      return median(finalTestLoss);
    }

    /** The AUROC of feature f within this cell (NaN when every trajectory has the same label). */
    public double auroc(int f) {
      boolean[] labels = new boolean[t2.length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = grokked(i);
      }
      return Auroc.of(features[f], labels).value();
    }
  }

  /**
   * Runs one cell: {@code blocks} are the model's inner blocks (channel 0 its {@code log sqrt(2 L_train)}, channel
   * {@code testChannel} its {@code log sqrt(2 L_test)}, channel {@code t2Channel} its t2), {@code channels} their
   * count.
   */
  public static Cell run(IntFunction<StateBlock> blocks, int channels, int testChannel, int t2Channel, double eta,
      double lambda, int window, long steps, long trajectories, long seed, int threads, int blockWidth) {
    if (steps <= window) {
      throw new IllegalArgumentException("the budget T = " + steps + " must exceed the window K = " + window);
    }
    if (trajectories > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many trajectories for per-trajectory features: " + trajectories);
    }
    int n = (int) trajectories;
    int total = channels + LossSignatureBlock.SUMS;
    Simulation.Settings settings = new Simulation.Settings(trajectories, new long[] {0, steps}, threads, blockWidth);
    Simulation.Result<Reductions> sim = Simulation.runStates(
        width -> new LossSignatureBlock(blocks.apply(width), window, 0), total, settings,
        () -> new Reductions(n, channels, testChannel, t2Channel), Simulation.Progress.NONE);
    Reductions r = sim.reduced();
    return new Cell(eta, lambda, steps, window, r.features, r.t2, r.test, sim.kernelSeconds());
  }

  /** Per-trajectory values, written at the trajectory's own index. */
  static final class Reductions implements BlockReducer<Reductions> {
    final double[][] features;
    final double[] t2;
    final double[] test;
    private final int base;
    private final int testChannel;
    private final int t2Channel;

    Reductions(int n, int base, int testChannel, int t2Channel) {
      this.features = new double[SpectralSignature.NAMES.length][n];
      this.t2 = new double[n];
      this.test = new double[n];
      Arrays.fill(t2, Double.NaN);
      this.base = base;
      this.testChannel = testChannel;
      this.t2Channel = t2Channel;
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int i = 0; i < valid; i++) {
        int at = (int) (traj0 + i);
        double[] s = new double[LossSignatureBlock.SUMS];
        for (int k = 0; k < s.length; k++) {
          s[k] = values[base + k][1][i];
        }
        double[] f = new SpectralSignature((long) s[0], s[1], s[2], s[3], s[4], s[5], s[6]).features();
        for (int k = 0; k < f.length; k++) {
          features[k][at] = f[k];
        }
        t2[at] = values[t2Channel][1][i];
        test[at] = 0.5 * Math.exp(2 * values[testChannel][1][i]);
      }
    }

    @Override
    public void merge(Reductions other) {
      for (int at = 0; at < t2.length; at++) {
        if (!Double.isNaN(other.t2[at])) {
          t2[at] = other.t2[at];
          test[at] = other.test[at];
          for (int k = 0; k < features.length; k++) {
            features[k][at] = other.features[k][at];
          }
        }
      }
    }
  }

  /** The grid pooled: per feature its AUROC over every trajectory of every cell, with a bootstrap interval. */
  public record Pooled(Auroc.Estimate[] estimates, double[][] curves, long positives, long negatives) {}

  public static Pooled pool(Cell[] cells, int replicates, long seed) {
    int total = 0;
    for (Cell c : cells) {
      total += c.t2().length;
    }
    boolean[] labels = new boolean[total];
    int f = SpectralSignature.NAMES.length;
    Auroc.Estimate[] est = new Auroc.Estimate[f];
    double[][] curves = new double[2 * f][];
    long pos = 0, neg = 0;
    for (int k = 0; k < f; k++) {
      double[] scores = new double[total];
      int at = 0;
      for (Cell c : cells) {
        for (int i = 0; i < c.t2().length; i++, at++) {
          scores[at] = c.features()[k][i];
          labels[at] = c.grokked(i);
        }
      }
      Auroc a = Auroc.of(scores, labels);
      est[k] = a.bootstrap(replicates, 0.95, seed + k);
      double[][] roc = a.curve();
      curves[2 * k] = roc[0];
      curves[2 * k + 1] = roc[1];
      pos = a.positives();
      neg = a.negatives();
    }
    return new Pooled(est, curves, pos, neg);
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int m = s.length;
    return m == 0 ? Double.NaN : m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
  }
}
