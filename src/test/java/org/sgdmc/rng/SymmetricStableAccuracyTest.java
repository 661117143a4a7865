package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stable draw and its new helpers keep the accuracy their Javadoc promises, against the double-double
 * references of {@link PreciseStable} (themselves checked first), and the draw agrees with the textbook CMS
 * formula evaluated with StrictMath where that formula is well-conditioned.
 *
 * <p>Bounds, in ulps of the exact value; in brackets the largest errors measured when the test was written:
 * <ul>
 *   <li>sinPiProduct, cosPiProduct: below 3 ulp [2.22 and 2.22 on 4 x 10^5 products, |a b| < 4, 2 x 10^4
 *       up to 2^40, and the quarter edges]. sin2pi of the rounded product is off by 13.7 ulp near pi a b = 0.975 pi [printed].
 *   <li>pow: below 1 + 3 |y ln x| ulp, the a priori bound [1.33 where |y ln x| < 1; at most 0.56 of the
 *       bound overall].
 *   <li>the draw against CMS at the same two uniforms: below 16 + 16 |p| + 4 |p ln r| ulp, p = (1 - alpha)
 *       / alpha and r the power's base, the a priori bound (see the test) [at most 0.38 of the bound; where
 *       |p ln r| < 1: 2.8 to 4.0 ulp for alpha >= 1, 5.1 at 0.5, 9.1 at 0.3; over all: 2.8 at alpha 1,
 *       4.2 at 2, 11 to 52 between, 128 at 0.3, where p = 2.3 and the largest draws reach 1e70].
 *   <li>against CMS in StrictMath, where |V| <= 0.45 pi: relative difference below (64 + 3 |p ln r|) 2^-52
 *       [17.6 x 2^-52 at most, 0.23 of the bound].
 * </ul>
 */
class SymmetricStableAccuracyTest {
  private static final double[] ALPHAS = SymmetricStableTwinTest.ALPHAS;

  // ------------------------------------------------------------------ the references themselves

  @Test
  void thePiReferenceAgreesWithEightyDigitTaylorSeries() {
    MathContext mc = new MathContext(80);
    BigDecimal pi = new BigDecimal(PreciseReference.PI_DIGITS);
    SplittableRandom random = new SplittableRandom(71L);
    for (int i = 0; i < 40; i++) {
      double a = ALPHAS[i % ALPHAS.length], b = Uniforms.open(random.nextLong()) - 0.5;
      DoubleDouble x = DoubleDouble.twoProd(a, b);
      // the exact product a b as a double-double, against the Taylor series of pi a b at 80 digits
      for (boolean sine : new boolean[] {true, false}) {
        BigDecimal exact = turnOfPiBig(x, sine, pi, mc);
        DoubleDouble dd = sine ? PreciseStable.sinPi(x) : PreciseStable.cosPi(x);
        double relativeError = dd.toBigDecimal().subtract(exact).divide(exact, mc).abs().doubleValue();
        assertTrue(relativeError < 0x1p-98, () -> (sine ? "sin" : "cos") + " pi " + a + " " + b + " off by " + relativeError);
      }
    }
  }

  /** sin or cos of pi x at 80 digits, by the Taylor series of the whole argument (|pi x| < 2 pi). */
  private static BigDecimal turnOfPiBig(DoubleDouble x, boolean sine, BigDecimal pi, MathContext mc) {
    BigDecimal arg = pi.multiply(x.toBigDecimal(), mc);
    BigDecimal arg2 = arg.multiply(arg, mc);
    BigDecimal term = sine ? arg : BigDecimal.ONE;
    BigDecimal sum = term;
    for (int k = 1; k < 80; k++) {
      int a = sine ? 2 * k : 2 * k - 1;
      term = term.multiply(arg2, mc).divide(BigDecimal.valueOf((long) a * (a + 1)), mc).negate();
      sum = sum.add(term, mc);
    }
    return sum;
  }

  @Test
  void thePowReferenceAgreesWithEightyDigitExponential() {
    MathContext mc = new MathContext(80);
    SplittableRandom random = new SplittableRandom(72L);
    for (int i = 0; i < 40; i++) {
      double x = Math.scalb(1.0 + random.nextDouble(), random.nextInt(-100, 100)), y = (random.nextDouble() * 2 - 1) * 4;
      DoubleDouble p = PreciseStable.pow(x, y);
      // p = x^y exactly iff ln p = y ln x: check exp(ln x * y) = p through the checked log and 80-digit exp
      BigDecimal exact = PreciseReference.exp(PreciseReference.log(x).toBigDecimal().multiply(new BigDecimal(y), mc));
      double relativeError = p.toBigDecimal().subtract(exact).divide(exact, mc).abs().doubleValue();
      assertTrue(relativeError < 0x1p-95, () -> "pow reference at " + x + ", " + y + " off by " + relativeError);
    }
  }

  // ------------------------------------------------------------------ sin and cos of pi a b

  @Test
  void sinAndCosOfPiABAreWithinThreeUlp() {
    List<double[]> inputs = new ArrayList<>(List.of(SymmetricStableTwinTest.randomProducts(73L, 400_000)));
    for (double[] ab : SymmetricStableTwinTest.productEdges()) {
      if (Math.abs(ab[0] * ab[1]) >= Double.MIN_NORMAL) {
        inputs.add(ab);
      }
    }
    SplittableRandom random = new SplittableRandom(77L);
    for (int i = 0; i < 20_000; i++) { // large products, up to the documented 2^40
      inputs.add(new double[] {1.0 + random.nextDouble(), Math.scalb(random.nextDouble() * 2 - 1, random.nextInt(2, 40))});
    }
    double worstSin = 0, worstCos = 0;
    for (double[] ab : inputs) {
      DoubleDouble x = DoubleDouble.twoProd(ab[0], ab[1]);
      worstSin = Math.max(worstSin, Math.abs(PreciseStable.sinPi(x).ulpErrorOf(Transcendentals.sinPiProduct(ab[0], ab[1]))));
      worstCos = Math.max(worstCos, Math.abs(PreciseStable.cosPi(x).ulpErrorOf(Transcendentals.cosPiProduct(ab[0], ab[1]))));
    }
    System.out.printf("sinPiProduct: max error %.4f ulp, cosPiProduct: %.4f ulp (%d inputs)%n", worstSin, worstCos, inputs.size());
    assertTrue(worstSin < 3.0, "sinPiProduct error " + worstSin + " ulp");
    assertTrue(worstCos < 3.0, "cosPiProduct error " + worstCos + " ulp");
  }

  /**
   * Why the fma reduction: near alpha V = +-pi the sine of the rounded product alpha d / 2 (as sin2pi would
   * take it) inherits the product's rounding times |x cot x|; the fma-reduced one does not.
   */
  @Test
  void theFmaReductionKeepsTheSineAccurateNearItsZeros() {
    double alpha = 1.95, worstRounded = 0, worstFma = 0;
    for (int k = 1; k <= 20_000; k++) {
      double d = 0.5 - k * 0x1p-53 * 997; // V near pi/2, alpha V near 0.975 pi
      DoubleDouble exact = PreciseStable.sinPi(DoubleDouble.twoProd(alpha, d));
      worstRounded = Math.max(worstRounded, Math.abs(exact.ulpErrorOf(Transcendentals.sin2pi(alpha * d / 2))));
      worstFma = Math.max(worstFma, Math.abs(exact.ulpErrorOf(Transcendentals.sinPiProduct(alpha, d))));
    }
    System.out.printf("sin(pi 1.95 d) near d = 1/2: sin2pi of the rounded product %.1f ulp, sinPiProduct %.2f ulp%n", worstRounded, worstFma);
    assertTrue(worstFma < 3.0, "sinPiProduct error " + worstFma);
    assertTrue(worstRounded > 10.0, "the rounded product was expected to lose accuracy here: " + worstRounded);
  }

  // ------------------------------------------------------------------ pow

  @Test
  void powIsWithinOnePlusThreeAbsYLnXUlp() {
    SplittableRandom random = new SplittableRandom(74L);
    double worstRatio = 0, worstSmall = 0;
    for (int i = 0; i < 200_000; i++) {
      double x = (i & 1) == 0 ? Math.scalb(1.0 + random.nextDouble(), random.nextInt(-110, 110)) // the ratios of the draw
          : 1.0 + (random.nextDouble() - 0.5) * Math.scalb(1.0, -random.nextInt(0, 50)); // near 1, where ln x is small
      double y = (i & 2) == 0 ? (random.nextDouble() * 2 - 1) * 6 : new double[] {-0.5, -1.0 / 3, 2.0 / 3, 7.0 / 3, 0.0}[i % 5];
      double yLnX = y * Math.log(x);
      if (Math.abs(yLnX) > 700) {
        continue; // outside the normal range of results
      }
      double err = Math.abs(PreciseStable.pow(x, y).ulpErrorOf(Transcendentals.pow(x, y)));
      worstRatio = Math.max(worstRatio, err / (1 + 3 * Math.abs(yLnX)));
      if (Math.abs(yLnX) < 1) {
        worstSmall = Math.max(worstSmall, err);
      }
    }
    System.out.printf("pow: max error %.4f ulp where |y ln x| < 1; at most %.3f of the bound 1 + 3 |y ln x|%n", worstSmall, worstRatio);
    assertTrue(worstRatio < 1.0, "pow exceeds 1 + 3 |y ln x| ulp by a factor " + worstRatio);
    assertEquals(1.0, Transcendentals.pow(123.456, 0.0));
    assertEquals(1.0, Transcendentals.pow(Double.MIN_NORMAL, -0.0));
    assertEquals(Double.POSITIVE_INFINITY, Transcendentals.pow(1e300, 2.0));
    assertEquals(0.0, Transcendentals.pow(1e-300, 2.0));
  }

  // ------------------------------------------------------------------ the draw

  /** Random draws plus the corners of both uniforms and U1 next to 1/2 and 1/4. */
  static List<long[]> drawInputs(long seed, int count) {
    List<long[]> inputs = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      inputs.add(new long[] {random.nextLong(), random.nextLong()});
    }
    long[] firsts = {0L, 1L << 12, -1L, (1L << 63) - 1, 1L << 63, 0x4000_0000_0000_0000L, 0xC000_0000_0000_0000L, 0x7FFF_F000_0000_0000L};
    long[] seconds = {0L, -1L, 0x8000_0000_0000_0000L, 0xFFFF_F000_0000_0000L, 0x0000_1000_0000_0000L};
    for (long first : firsts) {
      for (long second : seconds) {
        inputs.add(new long[] {first, second});
      }
    }
    return inputs;
  }

  /**
   * The a priori bound, in ulps of the exact Z (twice the relative error in units of 2^-52): the sines are
   * within 3 ulp each and cos((1 - alpha) V) also carries the rounding of 1 - alpha below alpha 1/2
   * (|x tan x| / 2); W 1 ulp; W cos V and the ratio 1/2 each: r within 8 + |x tan x| / 2. ln r adds 1 ulp
   * of itself, the rounded p half an ulp and the product another: the exponent is off by |p| (8 + ...) +
   * 2 |p ln r| units, exp adds 1, and s / cos V * power 3 + 3 + 1/2 + 1/2. Doubled and rounded up:
   * 16 + 16 |p| + 4 |p ln r|, where |x tan x| <= 2.2 for the alphas tested.
   */
  @Test
  void theDrawIsWithinItsErrorBoundOfTheExactFormula() {
    double worstRatio = 0, worstModerate = 0, worstAll = 0;
    for (double alpha : ALPHAS) {
      StableShape shape = StableShape.of(alpha);
      double p = Math.abs(shape.exponent), alphaModerate = 0, alphaAll = 0;
      for (long[] bits : drawInputs(75L + (long) (alpha * 100), 20_000)) {
        double z = Draws.symmetricStableFromBits(bits[0], bits[1], shape);
        double err = Math.abs(PreciseStable.cms(alpha, bits[0], bits[1]).ulpErrorOf(z));
        double pLnR = p * Math.abs(PreciseStable.logRatio(alpha, bits[0], bits[1]));
        worstRatio = Math.max(worstRatio, err / (16 + 16 * p + 4 * pLnR));
        alphaAll = Math.max(alphaAll, err);
        if (pLnR < 1) {
          alphaModerate = Math.max(alphaModerate, err);
        }
      }
      System.out.printf("  alpha %.2f: %.2f ulp where |p ln r| < 1, %.2f over all%n", alpha, alphaModerate, alphaAll);
      worstModerate = Math.max(worstModerate, alphaModerate);
      worstAll = Math.max(worstAll, alphaAll);
    }
    System.out.printf("stable draw vs exact CMS: %.2f ulp where |p ln r| < 1, %.2f ulp over all, at most %.3f of the bound%n",
        worstModerate, worstAll, worstRatio);
    assertTrue(worstRatio < 1.0, "a draw exceeds its error bound by a factor " + worstRatio);
  }

  /**
   * Against the textbook formula in StrictMath, V = PI (U1 - 1/2) in radians, two pows. Where |V| <= 0.45 pi
   * its condition numbers are small (|V tan V| <= 8.9, |alpha V cot alpha V| <= 7.2 up to alpha 1.95), so
   * its own error stays within about (40 + |p ln r|) 2^-52 relative and ours within half the bound above;
   * together below (64 + 3 |p ln r|) 2^-52. Nearer to the poles the StrictMath formula, not the draw, loses
   * digits: its cos V has an absolute error near 2^-53, which is relatively large when cos V is small.
   */
  @Test
  void theDrawAgreesWithStrictMathCmsWhereThatIsWellConditioned() {
    double worstRatio = 0, worstRelative = 0;
    int compared = 0;
    for (double alpha : ALPHAS) {
      double p = (1 - alpha) / alpha;
      for (long[] bits : drawInputs(76L + (long) (alpha * 100), 20_000)) {
        double d = Uniforms.open(bits[0]) - 0.5;
        if (Math.abs(d) > 0.45) {
          continue;
        }
        double v = StrictMath.PI * d, w = -StrictMath.log(Uniforms.open(bits[1]));
        double strict = StrictMath.sin(alpha * v) / StrictMath.pow(StrictMath.cos(v), 1 / alpha)
            * StrictMath.pow(StrictMath.cos((1 - alpha) * v) / w, p);
        double z = Draws.symmetricStableFromBits(bits[0], bits[1], StableShape.of(alpha));
        double relative = Math.abs(z - strict) / Math.abs(strict) / 0x1p-52;
        double pLnR = Math.abs(p * PreciseStable.logRatio(alpha, bits[0], bits[1]));
        worstRatio = Math.max(worstRatio, relative / (64 + 3 * pLnR));
        worstRelative = Math.max(worstRelative, relative);
        compared++;
      }
    }
    System.out.printf("stable draw vs StrictMath CMS (|V| <= 0.45 pi, %d draws): at most %.1f x 2^-52 relative, %.3f of the bound%n",
        compared, worstRelative, worstRatio);
    assertTrue(worstRatio < 1.0, "the draw differs from StrictMath CMS by a factor " + worstRatio + " of the bound");
  }
}
