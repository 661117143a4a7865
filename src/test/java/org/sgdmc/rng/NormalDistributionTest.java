package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Normals are standard normal, through the scalar and the vector path: the whole distribution (KS against
 * an accurate Phi), the first four moments, the tails, and the independence of the two halves of a
 * Box-Muller pair. Critical values and false-failure probabilities in {@link Statistics}.
 */
class NormalDistributionTest {
  enum Path {
    SCALAR, VECTOR;

    /** {@code rows * width} normals of stream NOISE: trajectories 0..width-1, normals 0..rows-1, draw-major. */
    double[] normals(long seed, int width, int rows) {
      double[] z = new double[rows * width];
      if (this == VECTOR) {
        VectorDraws.normals(seed, Stream.NOISE.id, 0L, width, 0L, rows / 2, new long[z.length], z);
      } else {
        for (int d = 0; d < rows; d++) {
          for (int j = 0; j < width; j++) {
            z[d * width + j] = Draws.normal(seed, Stream.NOISE, j, d);
          }
        }
      }
      return z;
    }

    long seed(long base) {
      return this == SCALAR ? base : base + 1_000_003L;
    }
  }

  private static final int WIDTH = 1000;

  @Test
  void theReferenceCdfIsAccurateToAFewUlpOfOne() {
    // Phi at these points to 30 digits (from an arbitrary-precision library)
    double[][] known = {
      {0.0, 0.5},
      {1.0, 0.841344746068542948585232545632},
      {-1.0, 0.158655253931457051414767454368},
      {1.96, 0.975002104851779563787176307604},
      {-3.0, 0.0013498980316300945266518147676},
      {3.0, 0.998650101968369905473348185232},
      {-5.0, 2.86651571879193911673752332875e-7},
      {-8.0, 6.22096057427178412351599517259e-16},
      {0.5, 0.691462461274013103637704610608},
      {-0.25, 0.401293674317076275759146208419},
      {6.0, 0.999999999013412354962301859299},
    };
    for (double[] k : known) {
      assertEquals(k[1], Statistics.normalCdf(k[0]), 1e-15, "Phi(" + k[0] + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void kolmogorovSmirnovAgainstTheNormalCdf(Path path) {
    double[] z = path.normals(path.seed(201L), WIDTH, 100);
    double ks = Statistics.kolmogorovSmirnov(z, Statistics::normalCdf);
    System.out.printf("%s KS normals, n = 10^5: sqrt(n) D = %.3f (critical %.4f)%n", path, ks, Statistics.KOLMOGOROV_CRITICAL);
    assertTrue(ks < Statistics.KOLMOGOROV_CRITICAL, path + ": sqrt(n) D = " + ks);
  }

  /**
   * The sample means of z, z^2, z^3, z^4 over 10^6 normals are within 5 standard errors of 0, 1, 0, 3; the
   * standard errors are sqrt(Var(z^k) / n) with Var(z^k) = E z^2k - (E z^k)^2 = 1, 2, 15, 96. Each is a
   * two-sided 5 sigma test (p = 5.7e-7, by the central limit theorem).
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void firstFourMomentsWithinFiveStandardErrors(Path path) {
    double[] z = path.normals(path.seed(202L), WIDTH, 1000);
    double[] sum = new double[5];
    for (double x : z) {
      double x2 = x * x;
      sum[1] += x;
      sum[2] += x2;
      sum[3] += x2 * x;
      sum[4] += x2 * x2;
    }
    double n = z.length;
    double[] expected = {0, 0, 1, 0, 3};
    double[] variance = {0, 1, 2, 15, 96};
    for (int k = 1; k <= 4; k++) {
      double mean = sum[k] / n;
      double zScore = (mean - expected[k]) / Math.sqrt(variance[k] / n);
      System.out.printf("%s moment %d: %.6f (z = %.2f)%n", path, k, mean, zScore);
      assertTrue(Math.abs(zScore) < Statistics.Z_CRITICAL, path + ": moment " + k + " = " + mean + ", z = " + zScore);
    }
  }

  /**
   * Tail frequencies of 10^6 normals: |z| > 3 (p = 2.69980e-3, expected 2699.8, sd 51.9) and |z| > 4
   * (p = 6.33425e-5, expected 63.3, sd 7.96), each within 5 sd; exact binomial false-failure probabilities
   * 6.0e-7 and 1.8e-6. Box-Muller with 52-bit uniforms must neither thin nor fatten the tails.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void tailFrequencies(Path path) {
    double[] z = path.normals(path.seed(203L), WIDTH, 1000);
    double n = z.length;
    double[][] tails = {{3.0, 2.6997960632601866e-3}, {4.0, 6.334248366623973e-5}};
    for (double[] t : tails) {
      long count = 0;
      for (double x : z) {
        count += Math.abs(x) > t[0] ? 1 : 0;
      }
      double mean = n * t[1], sd = Math.sqrt(n * t[1] * (1 - t[1]));
      System.out.printf("%s |z| > %.0f: %d (expected %.1f)%n", path, t[0], count, mean);
      assertTrue(Math.abs(count - mean) < Statistics.Z_CRITICAL * sd, path + ": " + count + " normals beyond " + t[0] + ", expected " + mean);
    }
  }

  /**
   * The two normals of a Box-Muller pair (the cos and the sin half, normals 2b and 2b+1) are independent
   * standard normals: (Phi(z_2b), Phi(z_2b+1)) is uniform on the unit square, tested on a 16 x 16 grid
   * (255 degrees of freedom, p = 1e-6).
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void theTwoHalvesOfABoxMullerPairAreIndependent(Path path) {
    int rows = 500;
    double[] z = path.normals(path.seed(204L), WIDTH, rows);
    int pairs = rows / 2 * WIDTH;
    double[] a = new double[pairs], b = new double[pairs];
    for (int p = 0, r = 0; r < rows; r += 2) {
      for (int j = 0; j < WIDTH; j++, p++) {
        a[p] = Math.min(Statistics.normalCdf(z[r * WIDTH + j]), Math.nextDown(1.0));
        b[p] = Math.min(Statistics.normalCdf(z[(r + 1) * WIDTH + j]), Math.nextDown(1.0));
      }
    }
    double chi2 = Statistics.chiSquarePairs(a, b);
    System.out.printf("%s Box-Muller pair independence: chi-square %.1f%n", path, chi2);
    assertTrue(chi2 < Statistics.CHI2_255_CRITICAL, path + ": chi-square " + chi2);
  }
}
