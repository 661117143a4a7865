package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * log Gamma and the Stirling remainder, on both sides of the switch at 10. The promised accuracy is an
 * absolute error of a few ulps of {@code log Gamma(max(x, 10))} (below 10 the value is reached from 10 and
 * above by the recurrence).
 */
class SpecialFunctionsTest {
  @Test
  void logGammaAtIntegersAndHalfIntegers() {
    BigInteger factorial = BigInteger.ONE;
    for (int n = 1; n <= 170; n++) {
      // log((n-1)!) from the exact integer: its top 62 bits, then the binary exponent.
      int shift = Math.max(0, factorial.bitLength() - 62);
      double logFactorial = Math.log(factorial.shiftRight(shift).doubleValue()) + shift * Math.log(2);
      double tol = 8e-16 * Math.max(16, logFactorial);
      assertEquals(logFactorial, SpecialFunctions.logGamma(n), tol, "n = " + n);
      assertEquals(logFactorial, SpecialFunctions.logFactorial(n - 1), tol, "n = " + n);
      factorial = factorial.multiply(BigInteger.valueOf(n));
    }
    assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 4e-15);
    // Gamma(7/2) = 15 sqrt(pi) / 8
    assertEquals(Math.log(15 * Math.sqrt(Math.PI) / 8), SpecialFunctions.logGamma(3.5), 4e-15);
  }

  @Test
  void logGammaSatisfiesTheRecurrenceAcrossTheSwitchToStirling() {
    for (double x = 0.05; x < 40; x += 0.0731) {
      double lhs = SpecialFunctions.logGamma(x + 1) - SpecialFunctions.logGamma(x);
      assertEquals(Math.log(x), lhs, 8e-16 * Math.max(16, SpecialFunctions.logGamma(x + 1)), "x = " + x);
    }
  }

  @Test
  void stirlingRemainderIsContinuousAndAsymptoticallyOneOverTwelveX() {
    assertEquals(SpecialFunctions.stirlingRemainder(Math.nextDown(10.0)),
        SpecialFunctions.stirlingRemainder(10.0), 4e-15);
    double x = 1000;
    assertEquals(1 / (12 * x) - 1 / (360 * x * x * x), SpecialFunctions.stirlingRemainder(x), 1e-18);
    // at x = 1/2 straight from Gamma(1/2) = sqrt(pi)
    double r = SpecialFunctions.stirlingRemainder(0.5);
    assertEquals(0.5 * Math.log(Math.PI) - (0.0 - 0.5 + SpecialFunctions.HALF_LOG_TWO_PI), r, 4e-15);
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logGamma(0));
  }
}
