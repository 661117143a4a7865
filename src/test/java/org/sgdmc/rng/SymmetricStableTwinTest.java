package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Symmetric alpha-stable numbers, scalar against vector: {@link VectorDraws#symmetricStables} equals
 * {@link Draws#symmetricStable} bit for bit for every alpha, width and awkward counter position, and so do
 * the lane-wise helpers it is built from ({@link Transcendentals#sinPiProduct}, {@link Transcendentals#cosPiProduct},
 * {@link Transcendentals#pow}, {@link Uniforms#open}) on their own. Plus the exact properties of the draw
 * that need no statistics: its input checks, its oddness, no NaN, the special cases alpha = 1 and 2, and
 * pinned values. (Other vector widths: {@link StableWidthIndependenceTest}.)
 */
class SymmetricStableTwinTest {
  private static final int LANES = Philox4x32Vector.lanes();
  /** The indices the noise model uses, the two closed forms, and both sides of 1. */
  static final double[] ALPHAS = {0.3, 0.5, 1.0, 1.2, 1.5, 1.8, 1.95, 2.0};
  private static final long[] SEEDS = {0L, -1L, 0x9E37_79B9_7F4A_7C15L};
  private static final int N_BLOCKS = 5; // not a multiple of the Philox fill's four-block unroll
  private static final long[] BLOCK0S = {0L, 7L, 1L << 40, StreamLayout.MAX_BLOCKS - N_BLOCKS};

  static List<Arguments> fillCases() {
    List<Arguments> cases = new ArrayList<>();
    for (double alpha : ALPHAS) {
      for (int vectors : new int[] {1, 3}) {
        for (ScalarVectorEqualityTest.TrajectoryStart start : ScalarVectorEqualityTest.TrajectoryStart.values()) {
          cases.add(Arguments.of(alpha, vectors * LANES, start));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "alpha {0}, width {1}, traj0 {2}")
  @MethodSource("fillCases")
  void vectorStablesEqualScalarStablesBitForBit(double alpha, int width, ScalarVectorEqualityTest.TrajectoryStart start) {
    long traj0 = start.traj0(width);
    StableShape shape = StableShape.of(alpha);
    long[] bits = new long[2 * N_BLOCKS * width];
    double[] out = new double[N_BLOCKS * width];
    for (long seed : SEEDS) {
      for (long block0 : BLOCK0S) {
        VectorDraws.symmetricStables(seed, Stream.NOISE.id, traj0, width, block0, N_BLOCKS, shape, bits, out);
        for (int b = 0; b < N_BLOCKS; b++) {
          for (int j = 0; j < width; j++) {
            long traj = traj0 + j, k = block0 + b;
            double scalar = Draws.symmetricStable(seed, Stream.NOISE, traj, k, alpha);
            if (raw(scalar) != raw(out[b * width + j])) {
              fail(String.format("alpha %s seed %x traj %x stable %x: vector %s, scalar %s",
                  alpha, seed, traj, k, out[b * width + j], scalar));
            }
          }
        }
      }
    }
  }

  /** 10^5 stables per alpha through one wide fill: the lanes see every kind of value, extremes included. */
  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.3, 0.5, 1.0, 1.2, 1.5, 1.8, 1.95, 2.0})
  void manyVectorStablesEqualScalarStables(double alpha) {
    int width = 40 * LANES, nBlocks = 100_000 / width + 1;
    long[] bits = new long[2 * nBlocks * width];
    double[] out = new double[nBlocks * width];
    VectorDraws.symmetricStables(11L, Stream.NOISE.id, 1_000L, width, 3L, nBlocks, alpha, bits, out);
    StableShape shape = StableShape.of(alpha);
    for (int b = 0; b < nBlocks; b++) {
      for (int j = 0; j < width; j++) {
        double scalar = Draws.symmetricStable(11L, Stream.NOISE, 1_000L + j, 3L + b, shape);
        assertEquals(raw(scalar), raw(out[b * width + j]), () -> "alpha " + alpha + ", a stable differs");
      }
    }
  }

  @Test
  void theStableOfABlockIsTheFormulaOfItsTwoDraws() {
    StableShape shape = StableShape.of(1.5);
    for (long k = 0; k < 1_000; k++) {
      long first = Draws.bits(5L, Stream.NOISE, 77L, 2 * k), second = Draws.bits(5L, Stream.NOISE, 77L, 2 * k + 1);
      assertEquals(raw(Draws.symmetricStableFromBits(first, second, shape)), raw(Draws.symmetricStable(5L, Stream.NOISE, 77L, k, 1.5)));
    }
  }

  // ------------------------------------------------------------------ exact properties of the draw

  @Test
  void alphaOutsideZeroToTwoIsRefused() {
    for (double alpha : new double[] {0.0, -0.0, -1.0, Math.nextUp(2.0), 2.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StableShape.of(alpha), "alpha " + alpha);
      assertTrue(e.getMessage().contains("alpha"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Draws.symmetricStable(1L, Stream.NOISE, 0L, 0L, alpha));
      assertThrows(IllegalArgumentException.class,
          () -> VectorDraws.symmetricStables(1L, 3, 0L, LANES, 0L, 1, alpha, new long[2 * LANES], new double[LANES]));
    }
    assertEquals(2.0, StableShape.of(2.0).alpha());
    assertEquals(Double.MIN_NORMAL, StableShape.of(Double.MIN_NORMAL).alpha());
  }

  @Test
  void theConstantsAreExactWhereTheFormulaNeedsThem() {
    assertEquals(0.0, StableShape.CAUCHY.exponent, 0.0, "alpha = 1: the power is exactly r^0");
    assertEquals(-0.5, StableShape.GAUSSIAN.exponent, 0.0, "alpha = 2: the power is exactly r^(-1/2)");
    assertEquals(-1.0, StableShape.GAUSSIAN.oneMinusAlpha, 0.0);
    assertEquals(StableShape.of(1.5), StableShape.of(1.5));
  }

  /**
   * The uniform from {@code ~first} is 1 - U1 exactly, so d changes sign exactly, and the argument reduction
   * is symmetric: the draw is an odd function of d to the last bit, so the law is symmetric by construction.
   */
  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.3, 0.5, 1.0, 1.2, 1.5, 1.8, 1.95, 2.0})
  void flippingTheFirstDrawNegatesTheStableExactly(double alpha) {
    StableShape shape = StableShape.of(alpha);
    SplittableRandom random = new SplittableRandom(3L);
    for (int i = 0; i < 100_000; i++) {
      long first = i < 64 ? -1L >>> i : random.nextLong(), second = random.nextLong();
      double z = Draws.symmetricStableFromBits(first, second, shape);
      assertEquals(raw(-z), raw(Draws.symmetricStableFromBits(~first, second, shape)), () -> "alpha " + alpha);
    }
  }

  /**
   * At the corners of the uniforms (U1, U2 at 2^-53 and 1 - 2^-53, where cos V and W are smallest or largest)
   * and for alpha from 2^-1022 to 2, the draw is never NaN, and finite for alpha >= 0.1; below, only the
   * corners may overflow to +-infinity or underflow to +-0, and then with the sign of d.
   */
  @Test
  void theExtremeDrawsAreNeverNaN() {
    long[] corners = {0L, 1L << 12, -1L, 1L << 63, (1L << 63) - 1, 0x5555_5555_5555_5555L};
    double[] alphas = {Double.MIN_NORMAL, 1e-300, 1e-10, 0.01, 0.05, 0.1, 0.3, 0.5, 0.999, 1.0, 1.001, 1.5, 1.999999, 2.0};
    for (double alpha : alphas) {
      StableShape shape = StableShape.of(alpha);
      for (long first : corners) {
        for (long second : corners) {
          double z = Draws.symmetricStableFromBits(first, second, shape);
          String where = "alpha " + alpha + " bits " + Long.toHexString(first) + ", " + Long.toHexString(second) + ": " + z;
          assertFalse(Double.isNaN(z), where);
          assertTrue(z != 0.0 || alpha < 0.1, where);
          assertTrue(Double.isFinite(z) || alpha < 0.1, where);
          assertEquals(Uniforms.open(first) < 0.5, raw(z) < 0, where + " has the sign of d, also when 0 or infinite");
        }
      }
    }
  }

  /** alpha = 1: p = 0, so the power is exactly 1 and the draw is sin V / cos V, the same two sines. */
  @Test
  void atAlphaOneTheDrawIsTheTangentOfV() {
    SplittableRandom random = new SplittableRandom(4L);
    for (int i = 0; i < 100_000; i++) {
      long first = random.nextLong(), second = random.nextLong();
      double d = Uniforms.open(first) - 0.5;
      double tan = Transcendentals.sinPiProduct(1.0, d) / Transcendentals.cosPiProduct(1.0, d);
      assertEquals(raw(tan), raw(Draws.symmetricStableFromBits(first, second, StableShape.CAUCHY)));
    }
  }

  /**
   * alpha = 2: Z = sin 2V / cos V * (cos V / (W cos V))^(-1/2) is 2 sqrt(W) sin V up to the roundings of
   * the ratio (1 ulp), the power (within 1 + 3 |ln W / 2| ulp, see {@link Transcendentals#pow}), the
   * quotients and the sines: within 16 ulp for every W <= 36.8. Bounded in ulps of sqrt(W), since the
   * reference 2 sqrt(W) sin V computed in doubles has its own rounding.
   */
  @Test
  void atAlphaTwoTheDrawIsTwiceRootWTimesSinV() {
    SplittableRandom random = new SplittableRandom(5L);
    double worst = 0;
    for (int i = 0; i < 100_000; i++) {
      long first = random.nextLong(), second = random.nextLong();
      double d = Uniforms.open(first) - 0.5;
      double root = Math.sqrt(-Transcendentals.log(Uniforms.open(second)));
      double expected = 2.0 * root * Transcendentals.sinPiProduct(1.0, d);
      double z = Draws.symmetricStableFromBits(first, second, StableShape.GAUSSIAN);
      worst = Math.max(worst, Math.abs(z - expected) / Math.ulp(2.0 * root));
    }
    System.out.printf("alpha = 2 against 2 sqrt(W) sin V: at most %.2f ulp of 2 sqrt(W)%n", worst);
    assertTrue(worst < 16.0, "alpha = 2 differs from 2 sqrt(W) sin V by " + worst + " ulp");
  }

  /**
   * The first stables of fixed coordinates, pinned: any change to the formula, the uniforms or the helpers
   * changes them, and stored results stop reproducing. (Computed once from this code.)
   */
  @Test
  void theFirstStablesArePinned() {
    double[] alphas = {0.5, 1.0, 1.5, 2.0};
    double[][] expected = {
      {0x1.40794bd191905p-5, 0x1.02a611121f549p-4, 0x1.b49f612f6b26p0},
      {0x1.3e04514b5f4f6p-3, 0x1.8f851bb6628aap-2, 0x1.1cb0f9ecc834bp0},
      {0x1.2a8cea70644ecp-2, 0x1.aa46ff275f637p-1, 0x1.025f6b3cfa8b8p0},
      {0x1.bd5b114aeb7b4p-2, 0x1.52e2cc56377ccp0, 0x1.09d71a00cee52p0},
    };
    for (int a = 0; a < alphas.length; a++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(raw(expected[a][k]), raw(Draws.symmetricStable(7L, Stream.NOISE, 12_345L, k, alphas[a])),
            "alpha " + alphas[a] + ", stable " + k);
      }
    }
  }

  // ------------------------------------------------------------------ the helpers, lane-wise against scalar

  @Test
  void openUniformsAgreeLaneWise() {
    SplittableRandom random = new SplittableRandom(6L);
    long[] bits = new long[4096];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = i < 64 ? 1L << i : i < 128 ? -1L << (i - 64) : random.nextLong();
    }
    double[] out = new double[bits.length];
    for (int i = 0; i < bits.length; i += LANES) {
      VectorUniforms.open(LongVector.fromArray(VectorShapes.LONGS, bits, i)).intoArray(out, i);
    }
    for (int i = 0; i < bits.length; i++) {
      assertEquals(raw(Uniforms.open(bits[i])), raw(out[i]), Long.toHexString(bits[i]));
    }
  }

  /** Products a b at and next to every multiple of 1/4, where the quarter and the rounding of 2ab switch. */
  static double[][] productEdges() {
    List<double[]> edges = new ArrayList<>();
    for (double a : new double[] {1.0, -1.0, 2.0, 0.5, 1.5, 1.95, 0.3, -0.7, 3.0}) {
      for (int k = -16; k <= 16; k++) {
        double b = k / 16.0 / a;
        for (double x : new double[] {b, Math.nextUp(b), Math.nextDown(b), b + 0x1p-52, b - 0x1p-52}) {
          edges.add(new double[] {a, x});
        }
      }
    }
    for (double b : new double[] {0x1p-53, -0x1p-53, 0.5 - 0x1p-53, -0.5 + 0x1p-53, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p39, -0x1p39}) {
      edges.add(new double[] {1.0, b});
      edges.add(new double[] {1.9, b});
    }
    return edges.toArray(double[][]::new);
  }

  /** {@code count} (a, b): half a in the alphas used and b = U1 - 1/2 as the draw makes it, half arbitrary |ab| < 4. */
  static double[][] randomProducts(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] ab = new double[count][];
    for (int i = 0; i < count; i++) {
      ab[i] = (i & 1) == 0
          ? new double[] {ALPHAS[random.nextInt(ALPHAS.length)] * (random.nextBoolean() ? 1 : -1), Uniforms.open(random.nextLong()) - 0.5}
          : new double[] {(random.nextDouble() * 2 - 1) * 4, Math.scalb(random.nextDouble() * 2 - 1, -random.nextInt(40))};
    }
    return ab;
  }

  @Test
  void vectorSinAndCosOfPiABEqualScalar() {
    for (double[][] inputs : new double[][][] {productEdges(), randomProducts(7L, 400_000)}) {
      assertProductTwinsAgree(inputs, true);
      assertProductTwinsAgree(inputs, false);
    }
  }

  /** The vector twin with one a per call, as the draw uses it: each distinct a runs over all its b. */
  private static void assertProductTwinsAgree(double[][] inputs, boolean sine) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] b = new double[LANES], out = new double[LANES];
    for (double[] ab : inputs) {
      Arrays.fill(b, ab[1]);
      DoubleVector v = DoubleVector.fromArray(sp, b, 0);
      (sine ? VectorTranscendentals.sinPiProduct(ab[0], v) : VectorTranscendentals.cosPiProduct(ab[0], v)).intoArray(out, 0);
      double expected = sine ? Transcendentals.sinPiProduct(ab[0], ab[1]) : Transcendentals.cosPiProduct(ab[0], ab[1]);
      for (double o : out) {
        if (raw(o) != raw(expected)) {
          fail(String.format("%s(pi %s %s): scalar %s vector %s", sine ? "sin" : "cos", ab[0], ab[1], expected, o));
        }
      }
    }
  }

  @Test
  void vectorPowEqualsScalarPow() {
    SplittableRandom random = new SplittableRandom(8L);
    double[] ys = {0.0, -0.0, 1.0, -0.5, 0.5, 2.0 / 3, -1.0 / 3, 7.0 / 3, -0.1 / 1.9, 40.0, -40.0, 1e300, -1e300};
    int n = 1 << 16;
    double[] x = new double[n], out = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < 64 ? new double[] {Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, Math.nextUp(1.0), Math.nextDown(1.0), 0x1p-106, 1e31,
          0.5, 2.0, 1e-300}[i % 10] : Math.scalb(1.0 + random.nextDouble(), random.nextInt(-1000, 1000));
    }
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (double y : ys) {
      for (int i = 0; i < n; i += sp.length()) {
        VectorTranscendentals.pow(DoubleVector.fromArray(sp, x, i), y).intoArray(out, i);
      }
      for (int i = 0; i < n; i++) {
        double expected = Transcendentals.pow(x[i], y);
        if (raw(expected) != raw(out[i])) {
          fail("pow(" + x[i] + ", " + y + "): scalar " + expected + " vector " + out[i]);
        }
      }
    }
  }

  private static long raw(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
