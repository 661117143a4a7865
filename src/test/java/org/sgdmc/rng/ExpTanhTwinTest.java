package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link Transcendentals#exp}, {@link Transcendentals#tanh} and {@link Transcendentals#sigmoid}: the vector
 * twins equal the scalar ones bit for bit on 10^6 random inputs and on the edges of every branch, and all
 * three behave sanely where the arguments are large: saturation, never a NaN from an overflow.
 */
class ExpTanhTwinTest {
  private static final int RANDOM_INPUTS = 1_000_000;
  private static final double LN2 = Math.log(2.0);

  /** Specials, both clamps and their neighbours, the overflow and underflow thresholds, tiny and huge. */
  static double[] specialEdges() {
    List<Double> e = new ArrayList<>();
    for (double x : new double[] {0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1000, 1e-300, 0x1p-60, 0x1p-28,
        1e-10, 0.5, 1.0, 2.0, 10.0, 700.0, 708.0, 708.3964185322641, 709.0, 709.782712893384, 710.0, 711.0,
        745.0, 745.1332191019411, 745.2, 746.0, 747.0, 1e4, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
      e.add(x);
      e.add(-x);
      e.add(Math.nextUp(x));
      e.add(-Math.nextUp(x));
      if (x > 0) {
        e.add(Math.nextDown(x));
        e.add(-Math.nextDown(x));
      }
    }
    return toArray(e);
  }

  /** Where exp's reduction switches k: odd multiples of ln2 / 2, and next to them. */
  static double[] expReductionEdges() {
    List<Double> e = new ArrayList<>();
    for (int j = -2153; j <= 2049; j += 2) {
      double x = j * 0.5 * LN2;
      e.add(x);
      e.add(Math.nextUp(x));
      e.add(Math.nextDown(x));
    }
    return toArray(e);
  }

  /** tanh's branch point, where it reaches 1 exactly, and small arguments. */
  static double[] tanhEdges() {
    List<Double> e = new ArrayList<>();
    for (double x : new double[] {Transcendentals.TANH_SPLIT, 19.0, 19.06, 19.1, 0.3, 1e-8, 354.8, 354.9, 355.0}) {
      for (double y : new double[] {x, Math.nextUp(x), Math.nextDown(x), -x, -Math.nextUp(x), -Math.nextDown(x)}) {
        e.add(y);
      }
    }
    return toArray(e);
  }

  /** Half uniform over [-lim, lim], half of random sign and magnitude 2^-60..2^10 (all binades near zero). */
  static double[] randomInputs(long seed, int count, double lim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[count];
    for (int i = 0; i < count; i++) {
      x[i] = (i & 1) == 0
          ? (2 * random.nextDouble() - 1) * lim
          : Math.scalb(1.0 + random.nextDouble(), random.nextInt(-60, 10)) * (random.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  enum Twin {
    EXP, TANH, SIGMOID;

    double scalar(double x) {
      return switch (this) {
        case EXP -> Transcendentals.exp(x);
        case TANH -> Transcendentals.tanh(x);
        case SIGMOID -> Transcendentals.sigmoid(x);
      };
    }

    /** One loop per function, each calling it directly, so every Vector API call inlines. */
    void vector(double[] in, double[] out) {
      VectorSpecies<Double> sp = VectorShapes.DOUBLES;
      switch (this) {
        case EXP -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.exp(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case TANH -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.tanh(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case SIGMOID -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.sigmoid(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
      }
    }
  }

  @Test
  void vectorExpEqualsScalarExp() {
    assertTwinsAgree(Twin.EXP, specialEdges());
    assertTwinsAgree(Twin.EXP, expReductionEdges());
    assertTwinsAgree(Twin.EXP, randomInputs(41L, RANDOM_INPUTS, 750.0));
  }

  @Test
  void vectorTanhEqualsScalarTanh() {
    assertTwinsAgree(Twin.TANH, specialEdges());
    assertTwinsAgree(Twin.TANH, tanhEdges());
    assertTwinsAgree(Twin.TANH, randomInputs(42L, RANDOM_INPUTS, 25.0));
  }

  @Test
  void vectorSigmoidEqualsScalarSigmoid() {
    assertTwinsAgree(Twin.SIGMOID, specialEdges());
    assertTwinsAgree(Twin.SIGMOID, expReductionEdges());
    assertTwinsAgree(Twin.SIGMOID, randomInputs(43L, RANDOM_INPUTS, 750.0));
  }

  @Test
  void expSaturatesWithoutNaN() {
    assertEquals(Double.POSITIVE_INFINITY, Transcendentals.exp(709.79));
    assertEquals(Double.POSITIVE_INFINITY, Transcendentals.exp(1e300));
    assertEquals(Double.POSITIVE_INFINITY, Transcendentals.exp(Double.POSITIVE_INFINITY));
    assertEquals(StrictMath.exp(709.78), Transcendentals.exp(709.78), Math.ulp(StrictMath.exp(709.78)));
    assertEquals(0.0, Transcendentals.exp(-745.2));
    assertEquals(0.0, Transcendentals.exp(-1e300));
    assertEquals(0.0, Transcendentals.exp(Double.NEGATIVE_INFINITY));
    assertEquals(Double.MIN_VALUE, Transcendentals.exp(-745.0));
    assertEquals(1.0, Transcendentals.exp(0.0));
    assertEquals(1.0, Transcendentals.exp(-0.0));
    assertTrue(Double.isNaN(Transcendentals.exp(Double.NaN)));
    for (double x : specialEdges()) {
      assertFalse(Double.isNaN(Transcendentals.exp(x)), "exp(" + x + ") is NaN");
    }
  }

  @Test
  void expIntoTheSubnormalsIsWithinOneStepOfStrictMath() {
    SplittableRandom random = new SplittableRandom(44L);
    for (int i = 0; i < 20_000; i++) {
      double x = -708.4 - random.nextDouble() * 36.8; // results from MIN_NORMAL down to MIN_VALUE
      double got = Transcendentals.exp(x), strict = StrictMath.exp(x);
      assertTrue(Math.abs(got - strict) <= Double.MIN_VALUE, () -> "exp(" + x + ") = " + got + " vs " + strict);
    }
  }

  @Test
  void tanhIsOddBoundedAndSaturates() {
    for (double x : concat(specialEdges(), tanhEdges(), randomInputs(45L, 100_000, 40.0))) {
      double t = Transcendentals.tanh(x);
      assertFalse(Double.isNaN(t), "tanh(" + x + ") is NaN");
      assertTrue(Math.abs(t) <= 1.0, "|tanh(" + x + ")| > 1");
      assertEquals(Double.doubleToRawLongBits(-t), Double.doubleToRawLongBits(Transcendentals.tanh(-x)), "odd at " + x);
    }
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Transcendentals.tanh(-0.0)));
    assertEquals(1.0, Transcendentals.tanh(19.1));
    assertTrue(Transcendentals.tanh(19.0) < 1.0);
    assertEquals(1.0, Transcendentals.tanh(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Transcendentals.tanh(-Double.MAX_VALUE));
    assertEquals(Double.MIN_VALUE, Transcendentals.tanh(Double.MIN_VALUE));
    assertTrue(Double.isNaN(Transcendentals.tanh(Double.NaN)));
  }

  @Test
  void sigmoidIsBetweenZeroAndOneAndSaturates() {
    for (double x : concat(specialEdges(), randomInputs(46L, 100_000, 800.0))) {
      double s = Transcendentals.sigmoid(x);
      assertTrue(s >= 0.0 && s <= 1.0, "sigmoid(" + x + ") = " + s);
    }
    assertEquals(0.5, Transcendentals.sigmoid(0.0));
    assertEquals(1.0, Transcendentals.sigmoid(40.0));
    assertEquals(1.0, Transcendentals.sigmoid(Double.POSITIVE_INFINITY));
    assertEquals(0.0, Transcendentals.sigmoid(-710.0));
    assertEquals(0.0, Transcendentals.sigmoid(Double.NEGATIVE_INFINITY));
  }

  private static void assertTwinsAgree(Twin twin, double[] inputs) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int n = sp.loopBound(inputs.length + sp.length() - 1);
    double[] in = Arrays.copyOf(inputs, n), out = new double[n];
    for (int i = inputs.length; i < n; i++) {
      in[i] = inputs[0];
    }
    twin.vector(in, out);
    for (int i = 0; i < inputs.length; i++) {
      double expected = twin.scalar(in[i]);
      if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(out[i])) {
        fail(String.format("%s(%s = %s): scalar %s vector %s", twin, in[i], Double.toHexString(in[i]),
            Double.toHexString(expected), Double.toHexString(out[i])));
      }
    }
    double[] nan = new double[sp.length()];
    Arrays.fill(nan, Double.NaN);
    twin.vector(nan, out);
    assertTrue(Double.isNaN(out[0]) && Double.isNaN(twin.scalar(Double.NaN)), twin + " of NaN");
  }

  static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
