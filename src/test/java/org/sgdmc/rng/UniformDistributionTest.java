package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uniforms look uniform, through the scalar and the vector path (different seeds, so the two paths add
 * evidence instead of repeating it). Critical values and false-failure probabilities in {@link Statistics}.
 */
class UniformDistributionTest {
  /** How the samples are drawn. */
  enum Path {
    SCALAR, VECTOR;

    /**
     * {@code rows * width} uniforms of stream DATA under {@code seed}: trajectories 0..width-1, draws
     * 0..rows-1, draw-major. Vector: one fill; scalar: one {@link Draws} call per value.
     */
    double[] uniforms(long seed, int width, int rows) {
      double[] u = new double[rows * width];
      if (this == VECTOR) {
        VectorDraws.uniforms(seed, Stream.DATA.id, 0L, width, 0L, rows / 2, new long[u.length], u);
      } else {
        for (int d = 0; d < rows; d++) {
          for (int j = 0; j < width; j++) {
            u[d * width + j] = Draws.uniform(seed, Stream.DATA, j, d);
          }
        }
      }
      return u;
    }

    long[] bits(long seed, int width, int rows) {
      long[] b = new long[rows * width];
      if (this == VECTOR) {
        Philox4x32Vector.fillBits(seed, Stream.DATA.id, 0L, width, 0L, rows / 2, b, 0);
      } else {
        for (int d = 0; d < rows; d++) {
          for (int j = 0; j < width; j++) {
            b[d * width + j] = Draws.bits(seed, Stream.DATA, j, d);
          }
        }
      }
      return b;
    }

    long seed(long base) {
      return this == SCALAR ? base : base + 1_000_003L;
    }
  }

  /** 1000 trajectories: a multiple of every lane count (1, 2, 4, 8). */
  private static final int WIDTH = 1000;

  @ParameterizedTest
  @EnumSource(Path.class)
  void chiSquareOf256EqualBinsOfAMillionUniforms(Path path) {
    double[] u = path.uniforms(path.seed(101L), WIDTH, 1000);
    double chi2 = Statistics.chiSquare256(u, 0, u.length);
    System.out.printf("%s chi-square 256 bins, 10^6 uniforms: %.1f (critical %.2f)%n", path, chi2, Statistics.CHI2_255_CRITICAL);
    assertTrue(chi2 < Statistics.CHI2_255_CRITICAL, path + ": chi-square " + chi2);
    // a statistic far too small is as suspicious as one too large (lower 1e-6 point of chi2(255): 161.65)
    assertTrue(chi2 > 161.65, path + ": chi-square " + chi2 + " is too good to be random");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void kolmogorovSmirnovOfUniforms(Path path) {
    double[] u = path.uniforms(path.seed(102L), WIDTH, 100);
    double ks = Statistics.kolmogorovSmirnov(u, x -> x);
    System.out.printf("%s KS uniforms, n = 10^5: sqrt(n) D = %.3f (critical %.4f)%n", path, ks, Statistics.KOLMOGOROV_CRITICAL);
    assertTrue(ks < Statistics.KOLMOGOROV_CRITICAL, path + ": sqrt(n) D = " + ks);
  }

  /**
   * Each of the 64 bits of a draw is set half the time: 64 two-sided 5 sigma tests on 10^6 draws, family
   * false-failure probability 64 x 5.7e-7 = 3.7e-5. Catches a lost or duplicated output word.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void everyBitOfTheDrawsIsFair(Path path) {
    long[] b = path.bits(path.seed(103L), WIDTH, 1000);
    long[] ones = new long[64];
    for (long x : b) {
      for (int bit = 0; bit < 64; bit++) {
        ones[bit] += (x >>> bit) & 1;
      }
    }
    double n = b.length;
    for (int bit = 0; bit < 64; bit++) {
      double z = (ones[bit] - n / 2) / Math.sqrt(n / 4);
      assertTrue(Math.abs(z) < Statistics.Z_CRITICAL, path + ": bit " + bit + " set " + ones[bit] + " times in " + b.length + ", z = " + z);
    }
  }
}
