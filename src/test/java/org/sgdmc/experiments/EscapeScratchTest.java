package org.sgdmc.experiments;

import org.junit.jupiter.api.Test;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.results.ExitTimes;
import org.sgdmc.theory.EscapeTheory;

class EscapeScratchTest {
  @Test
  void explore() {
    double[][] ab = DoubleWell.dataset(64, 1.0, 0.5, 7);
    for (double h : new double[] {0.5, 1.0, 1.5}) {
      DoubleWell g = DoubleWell.of(h, 1.0, ab, 0.5, 1, NoiseModel.GAUSSIAN, 1, Double.NaN);
      System.out.printf("h=%s exact %.4f kramers %.4f frozen %.4f barrier %.3f left %.1f%n", h,
          EscapeTheory.exactMeanExitTime(g), EscapeTheory.kramers(g), EscapeTheory.kramersFrozen(g),
          EscapeTheory.quasiPotentialBarrier(g), EscapeTheory.leftExitWeight(g));
      for (int l : new int[] {1, 16, 64, 256}) {
        long t0 = System.nanoTime();
        ExitTimes e = EscapeExperiment.exitTimes(DoubleWell.of(h, 1.0, ab, 0.5, 1, NoiseModel.GAUSSIAN, l, Double.NaN),
            4096, 100000, 11, Kernel.VECTOR, 2);
        System.out.printf("  em l=%d mean %.4f +- %.4f cens %.3f cv %.3f  %.2fs%n", l, e.mean(), e.stderr(),
            e.censoredFraction(), e.cv(), (System.nanoTime() - t0) * 1e-9);
      }
      ExitTimes s = EscapeExperiment.exitTimes(DoubleWell.of(h, 1.0, ab, 0.5, 1, NoiseModel.MINIBATCH, 1, Double.NaN),
          4096, 100000, 11, Kernel.VECTOR, 2);
      System.out.printf("  sgd mean %.4f +- %.4f cv %.3f%n", s.mean(), s.stderr(), s.cv());
      DoubleWell st = DoubleWell.of(h, 1.0, ab, 0.5, 1, NoiseModel.STABLE, 1, 1.5);
      ExitTimes e = EscapeExperiment.exitTimes(st, 4096, 100000, 11, Kernel.VECTOR, 2);
      System.out.printf("  stable mean %.4f +- %.4f left %.3f IP %.4f eps %.4f%n", e.mean(), e.stderr(), e.leftFraction(),
          EscapeTheory.stableMeanExitTime(st), st.stableScale());
    }
  }
}
