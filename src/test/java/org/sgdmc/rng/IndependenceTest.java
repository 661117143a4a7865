package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Draws that differ in one coordinate are independent. Counter-based layouts are prone to exactly this
 * flaw: neighbouring counters (next draw, next trajectory, next stream id, next seed) differ in one bit, and a
 * weak mixing function leaves them correlated. Each pair of samples is checked twice: by correlation
 * (sqrt(n) r against 5, p = 5.7e-7) and, on disjoint pairs, by a chi-square of the joint distribution on a
 * 16 x 16 grid (255 degrees of freedom, critical 377.08, p = 1e-6) that sees any dependence, not only linear.
 */
class IndependenceTest {
  private static final int WIDTH = 1000;
  private static final int ROWS = 500;
  private static final double UNIFORM_MEAN = 0.5, UNIFORM_VARIANCE = 1.0 / 12;

  /** ROWS draws (draw-major) of WIDTH trajectories starting at traj0, by the vector path. */
  private static double[] vectorUniforms(long seed, Stream stream, long traj0) {
    double[] u = new double[ROWS * WIDTH];
    VectorDraws.uniforms(seed, stream.id, traj0, WIDTH, 0L, ROWS / 2, new long[u.length], u);
    return u;
  }

  private static void assertIndependent(String what, double[] a, double[] b, boolean disjoint) {
    double z = Statistics.correlationZ(a, b, UNIFORM_MEAN, UNIFORM_VARIANCE);
    String chi = "";
    if (disjoint) {
      double chi2 = Statistics.chiSquarePairs(a, b);
      chi = String.format(", chi-square %.1f", chi2);
      assertTrue(chi2 < Statistics.CHI2_255_CRITICAL, what + ": chi-square " + chi2 + " of " + a.length + " pairs");
    }
    System.out.printf("%s: %d pairs, sqrt(n) r = %.2f%s%n", what, a.length, z, chi);
    assertTrue(Math.abs(z) < Statistics.Z_CRITICAL, what + ": sqrt(n) r = " + z + " over " + a.length + " pairs");
  }

  /** Consecutive draws of one trajectory: inside a Philox block (2b, 2b+1) and across blocks (2b+1, 2b+2). */
  @Test
  void consecutiveDrawsOfATrajectoryScalar() {
    int trajectories = 250, draws = 2002;
    int n = trajectories * (draws / 2 - 1);
    double[] inA = new double[n], inB = new double[n], acrossA = new double[n], acrossB = new double[n];
    int p = 0;
    for (long traj = 0; traj < trajectories; traj++) {
      double[] u = new double[draws];
      for (int k = 0; k < draws; k++) {
        u[k] = Draws.uniform(301L, Stream.DATA, traj, k);
      }
      for (int b = 0; b < draws / 2 - 1; b++, p++) {
        inA[p] = u[2 * b];
        inB[p] = u[2 * b + 1];
        acrossA[p] = u[2 * b + 1];
        acrossB[p] = u[2 * b + 2];
      }
    }
    assertIndependent("scalar draws 2b, 2b+1 (one block)", inA, inB, true);
    assertIndependent("scalar draws 2b+1, 2b+2 (next block)", acrossA, acrossB, true);
  }

  @Test
  void consecutiveDrawsOfATrajectoryVector() {
    double[] u = vectorUniforms(302L, Stream.DATA, 0L);
    for (int parity = 0; parity < 2; parity++) {
      int pairs = (ROWS - 2) / 2 * WIDTH;
      double[] a = new double[pairs], b = new double[pairs];
      int p = 0;
      for (int d = parity; d + 1 < ROWS && p < pairs; d += 2) {
        for (int j = 0; j < WIDTH; j++, p++) {
          a[p] = u[d * WIDTH + j];
          b[p] = u[(d + 1) * WIDTH + j];
        }
      }
      assertIndependent(parity == 0 ? "vector draws 2b, 2b+1 (one block)" : "vector draws 2b+1, 2b+2 (next block)", a, b, true);
    }
  }

  /** Trajectories i and i+1 (counter word 0 differs in its low bits), same draw: the vector lanes' neighbours. */
  @Test
  void neighbouringTrajectoriesVector() {
    double[] u = vectorUniforms(303L, Stream.DATA, 0L);
    int pairs = ROWS * WIDTH / 2;
    double[] a = new double[pairs], b = new double[pairs];
    for (int p = 0, i = 0; i < u.length; i += 2, p++) {
      a[p] = u[i]; // trajectory 2m ...
      b[p] = u[i + 1]; // ... and 2m+1, same draw (WIDTH is even, so a pair never spans two rows)
    }
    assertIndependent("vector trajectories 2m, 2m+1", a, b, true);
    // and the odd neighbours 2m+1, 2m+2, which cross lane and vector boundaries
    double[] c = new double[pairs - ROWS], e = new double[pairs - ROWS];
    int p = 0;
    for (int d = 0; d < ROWS; d++) {
      for (int j = 1; j + 1 < WIDTH; j += 2, p++) {
        c[p] = u[d * WIDTH + j];
        e[p] = u[d * WIDTH + j + 1];
      }
    }
    assertIndependent("vector trajectories 2m+1, 2m+2", c, e, true);
  }

  @Test
  void neighbouringTrajectoriesScalar() {
    int pairs = 250_000;
    double[] a = new double[pairs], b = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      long traj = 2L * (p % 5_000) + 0xFFFF_0000L; // trajectories just below 2^32 ...
      long k = p / 5_000;
      a[p] = Draws.uniform(304L, Stream.DATA, traj, k);
      b[p] = Draws.uniform(304L, Stream.DATA, traj + 1, k);
    }
    assertIndependent("scalar trajectories 2m, 2m+1", a, b, true);
  }

  /** Trajectories i and i + 2^32 differ only in counter word 1. */
  @Test
  void trajectoriesTwoTo32Apart() {
    double[] a = vectorUniforms(305L, Stream.DATA, 0L);
    double[] b = vectorUniforms(305L, Stream.DATA, 1L << 32);
    assertIndependent("trajectories i, i + 2^32", a, b, true);
  }

  /** The same trajectory and draw in different streams: ids 0 and 1 (one bit of counter word 3), 0 and 0xFFFF. */
  @Test
  void streamsOfOneTrajectory() {
    double[] data = vectorUniforms(306L, Stream.DATA, 0L);
    assertIndependent("streams DATA, BATCH (ids 0, 1)", data, vectorUniforms(306L, Stream.BATCH, 0L), true);
    assertIndependent("streams DATA, TEST (ids 0, 0xFFFF)", data, vectorUniforms(306L, Stream.TEST, 0L), true);
    assertIndependent("streams INIT, NOISE (ids 2, 3)", vectorUniforms(306L, Stream.INIT, 0L), vectorUniforms(306L, Stream.NOISE, 0L), true);
  }

  @Test
  void streamsOfOneTrajectoryScalar() {
    int n = 250_000;
    double[] a = new double[n], b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = Draws.uniform(307L, Stream.DATA, i % 1000, i / 1000);
      b[i] = Draws.uniform(307L, Stream.BATCH, i % 1000, i / 1000);
    }
    assertIndependent("scalar streams DATA, BATCH", a, b, true);
  }

  /** Seeds s and s+1 (key word 0), s and s + 2^32 (key word 1), everything else equal. */
  @Test
  void neighbouringSeeds() {
    double[] base = vectorUniforms(308L, Stream.DATA, 0L);
    assertIndependent("seeds s, s+1", base, vectorUniforms(309L, Stream.DATA, 0L), true);
    assertIndependent("seeds s, s + 2^32", base, vectorUniforms(308L + (1L << 32), Stream.DATA, 0L), true);
  }

  /** Normals of neighbouring trajectories and of two streams, by correlation (mean 0, variance 1). */
  @Test
  void normalsOfNeighbouringTrajectoriesAndStreams() {
    int n = ROWS * WIDTH;
    double[] z = new double[n], w = new double[n];
    long[] scratch = new long[n];
    VectorDraws.normals(310L, Stream.NOISE.id, 0L, WIDTH, 0L, ROWS / 2, scratch, z);
    VectorDraws.normals(310L, Stream.INIT.id, 0L, WIDTH, 0L, ROWS / 2, scratch, w);
    double[] a = new double[n / 2], b = new double[n / 2];
    for (int i = 0; i < n; i += 2) {
      a[i / 2] = z[i];
      b[i / 2] = z[i + 1];
    }
    double zTraj = Statistics.correlationZ(a, b, 0.0, 1.0);
    double zStream = Statistics.correlationZ(z, w, 0.0, 1.0);
    System.out.printf("normals: trajectories 2m, 2m+1 sqrt(n) r = %.2f; streams NOISE, INIT sqrt(n) r = %.2f%n", zTraj, zStream);
    assertTrue(Math.abs(zTraj) < Statistics.Z_CRITICAL, "neighbouring trajectories' normals: sqrt(n) r = " + zTraj);
    assertTrue(Math.abs(zStream) < Statistics.Z_CRITICAL, "two streams' normals: sqrt(n) r = " + zStream);
  }
}
