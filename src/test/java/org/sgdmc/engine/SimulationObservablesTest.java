package org.sgdmc.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdmc.kernels.TrajectoryBlock;

/**
 * Blocks that report several observables per trajectory: each lands in its own slice of the records, at
 * the right trajectory and time, whatever the threads and the padding of the last block.
 */
class SimulationObservablesTest {

  /** Observable o of trajectory i at step t is 1000 i + 10 t + o: every value says where it belongs. */
  private static final class Labelled implements TrajectoryBlock {
    private final int width;
    private final int observables;
    private long traj0;
    private long t;

    Labelled(int width, int observables) {
      this.width = width;
      this.observables = observables;
    }

    @Override
    public int width() {
      return width;
    }

    @Override
    public void start(long traj0) {
      this.traj0 = traj0;
      this.t = 0;
    }

    @Override
    public void advance(long from, long to) {
      assertEquals(t, from);
      t = to;
    }

    @Override
    public void logDistance(double[] out) {
      logDistance(0, out);
    }

    @Override
    public int observables() {
      return observables;
    }

    @Override
    public void logDistance(int which, double[] out) {
      for (int i = 0; i < width; i++) {
        out[i] = 1000.0 * (traj0 + i) + 10.0 * t + which;
      }
    }
  }

  @Test
  void everyObservableIsStoredAtItsTrajectoryAndTime() {
    long[] times = {0, 3, 7};
    long n = 11; // three blocks of 4, the last one padded
    for (int threads : new int[] {1, 3}) {
      try (Records records = Simulation.keepAll(w -> new Labelled(w, 3), 3,
          new Simulation.Settings(n, times, threads, 4), Simulation.Progress.NONE, "")) {
        assertEquals(3, records.observables());
        for (int k = 0; k < times.length; k++) {
          for (int o = 0; o < 3; o++) {
            double[] expected = new double[(int) n];
            for (int i = 0; i < n; i++) {
              expected[i] = 1000.0 * i + 10.0 * times[k] + o;
            }
            assertArrayEquals(expected, records.at(o, k), "time " + times[k] + ", observable " + o);
          }
        }
        assertArrayEquals(records.at(0, 2), records.at(2));
      }
    }
  }

  @Test
  void aOneObservableBlockReportsItsLogDistanceAsObservableZero() {
    TrajectoryBlock one = new TrajectoryBlock() {
      @Override
      public int width() {
        return 2;
      }

      @Override
      public void start(long traj0) {}

      @Override
      public void advance(long from, long to) {}

      @Override
      public void logDistance(double[] out) {
        out[0] = 1;
        out[1] = 2;
      }
    };
    double[] out = new double[2];
    assertEquals(1, one.observables());
    one.logDistance(0, out);
    assertArrayEquals(new double[] {1, 2}, out);
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> one.logDistance(1, out));
  }
}
