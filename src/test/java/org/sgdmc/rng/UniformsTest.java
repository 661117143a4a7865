package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The exact contracts of {@link Uniforms}: which 52 bits are used, the value set, the end points, and that
 * the lane-wise versions agree with the scalar ones bit for bit.
 */
class UniformsTest {
  private static final double ULP = 0x1p-52;
  private static final long ALL_ONES = -1L;

  @Test
  void closedOpenMapsTheExtremeBitPatternsToZeroAndOneMinusUlp() {
    assertEquals(0.0, Uniforms.closedOpen(0L));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Uniforms.closedOpen(0L)), "+0.0, not -0.0");
    assertEquals(1.0 - 0x1p-52, Uniforms.closedOpen(ALL_ONES));
    assertEquals(Math.nextDown(1.0) - 0x1p-53, Uniforms.closedOpen(ALL_ONES), "largest value is 1 - 2^-52, not 1 - 2^-53");
  }

  @Test
  void openClosedMapsTheExtremeBitPatternsToOneAndUlp() {
    assertEquals(1.0, Uniforms.openClosed(0L));
    assertEquals(0x1p-52, Uniforms.openClosed(ALL_ONES));
  }

  @Test
  void uniformsAreExactlyTheTop52BitsTimesUlp() {
    SplittableRandom random = new SplittableRandom(20240521L);
    for (int i = 0; i < 200_000; i++) {
      long bits = i < 64 ? 1L << i : random.nextLong();
      long k = bits >>> 12;
      assertEquals(k * ULP, Uniforms.closedOpen(bits), () -> Long.toHexString(bits));
      assertEquals((0x1p52 - k) * ULP, Uniforms.openClosed(bits), () -> Long.toHexString(bits));
      // the low 12 bits are ignored
      assertEquals(Uniforms.closedOpen(bits), Uniforms.closedOpen(bits ^ (random.nextLong() & 0xFFF)));
    }
  }

  @Test
  void eachOfTheTop52BitsWeighsItsPlaceValue() {
    for (int bit = 12; bit < 64; bit++) {
      double weight = Math.scalb(1.0, bit - 64);
      assertEquals(weight, Uniforms.closedOpen(1L << bit), "bit " + bit);
      assertEquals(1.0 - weight, Uniforms.openClosed(1L << bit), "bit " + bit);
    }
    for (int bit = 0; bit < 12; bit++) {
      assertEquals(0.0, Uniforms.closedOpen(1L << bit), "bit " + bit + " is below the 52 used");
      assertEquals(1.0, Uniforms.openClosed(1L << bit), "bit " + bit + " is below the 52 used");
    }
  }

  @Test
  void valuesStayInTheirIntervalsAndOnTheUlpGrid() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 200_000; i++) {
      long bits = random.nextLong();
      double co = Uniforms.closedOpen(bits), oc = Uniforms.openClosed(bits);
      assertTrue(co >= 0.0 && co < 1.0, () -> "closedOpen " + co);
      assertTrue(oc > 0.0 && oc <= 1.0, () -> "openClosed " + oc);
      assertEquals(co, Math.rint(co / ULP) * ULP, "on the 2^-52 grid");
      assertEquals(oc, Math.rint(oc / ULP) * ULP, "on the 2^-52 grid");
      assertEquals(1.0, co + oc, "openClosed = 1 - closedOpen, exactly");
    }
  }

  @Test
  void laneWiseUniformsEqualTheScalarOnesBitForBit() {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    SplittableRandom random = new SplittableRandom(99L);
    int n = sp.length() * 10_000;
    long[] bits = new long[n];
    long[] edges = {0L, ALL_ONES, 1L << 12, (1L << 12) - 1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFL, ~0xFFFL};
    for (int i = 0; i < n; i++) {
      bits[i] = i < edges.length ? edges[i] : random.nextLong();
    }
    double[] co = new double[n], oc = new double[n];
    for (int i = 0; i < n; i += sp.length()) {
      LongVector v = LongVector.fromArray(sp, bits, i);
      DoubleVector a = VectorUniforms.closedOpen(v), b = VectorUniforms.openClosed(v);
      a.intoArray(co, i);
      b.intoArray(oc, i);
    }
    for (int i = 0; i < n; i++) {
      long b = bits[i];
      assertEquals(Double.doubleToRawLongBits(Uniforms.closedOpen(b)), Double.doubleToRawLongBits(co[i]), () -> Long.toHexString(b));
      assertEquals(Double.doubleToRawLongBits(Uniforms.openClosed(b)), Double.doubleToRawLongBits(oc[i]), () -> Long.toHexString(b));
    }
  }

  @Test
  void drawsUseClosedOpenUniforms() {
    for (long k = 0; k < 16; k++) {
      long bits = Draws.bits(7L, Stream.DATA, 3L, k);
      assertEquals(Uniforms.closedOpen(bits), Draws.uniform(7L, Stream.DATA, 3L, k));
    }
  }

  @Test
  void normalsAreBoundedBySqrtOf104Ln2() {
    // the smallest u1 is 2^-52, so |z| <= sqrt(-2 ln 2^-52) = sqrt(104 ln 2) = 8.4904...
    double largestRadius = Math.sqrt(-2.0 * Transcendentals.log(Uniforms.openClosed(ALL_ONES)));
    assertEquals(Math.sqrt(104.0 * Math.log(2.0)), largestRadius, 2 * Math.ulp(8.49));
    assertTrue(largestRadius < 8.4905);
  }
}
