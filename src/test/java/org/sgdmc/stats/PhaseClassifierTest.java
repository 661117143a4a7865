package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The saddle's phases: stable codes, the sign rules of seed 002 Fig. 1b, and the confidence. */
class PhaseClassifierTest {

  @Test
  void codesAndNamesAreStable() {
    // stored in files: never change these
    assertArrayEquals(new String[] {"undetermined", "I", "Ib", "II", "III", "IV"}, SaddlePhase.names());
    assertEquals(0, SaddlePhase.UNDETERMINED.code);
    assertEquals(1, SaddlePhase.I.code);
    assertEquals(2, SaddlePhase.IB.code);
    assertEquals(3, SaddlePhase.II.code);
    assertEquals(4, SaddlePhase.III.code);
    assertEquals(5, SaddlePhase.IV.code);
    for (SaddlePhase p : SaddlePhase.values()) {
      assertEquals(p, SaddlePhase.ofCode(p.code));
    }
    assertThrows(IllegalArgumentException.class, () -> SaddlePhase.ofCode(6));
  }

  @Test
  void signsOfTheTwoExponentsNameThePhase() {
    assertEquals(SaddlePhase.I, PhaseClassifier.classify(0.1, 0, -0.2, 0, 1.5).phase());
    assertEquals(SaddlePhase.IB, PhaseClassifier.classify(0.1, 0, -0.2, 0, 0.9).phase());
    assertEquals(SaddlePhase.I, PhaseClassifier.classify(0.1, 0, -0.2, 0, Double.NaN).phase());
    assertEquals(SaddlePhase.II, PhaseClassifier.classify(-0.1, 0, 0.2, 0, 0.5).phase());
    assertEquals(SaddlePhase.III, PhaseClassifier.classify(-0.1, 0, -0.2, 0, 0.5).phase());
    assertEquals(SaddlePhase.IV, PhaseClassifier.classify(0.1, 0, 0.2, 0, 3).phase());
    // an exact zero of the distance is the most negative exponent there is
    assertEquals(SaddlePhase.IB, PhaseClassifier.classify(0.1, 0.01, Double.NEGATIVE_INFINITY, 0, 0.9).phase());
    // on a boundary or undefined: no phase
    assertEquals(SaddlePhase.UNDETERMINED, PhaseClassifier.classify(0.0, 0, -0.2, 0, 0.5).phase());
    assertEquals(SaddlePhase.UNDETERMINED, PhaseClassifier.classify(Double.NaN, 0, -0.2, 0, 0.5).phase());
    assertFalse(PhaseClassifier.classify(Double.NaN, 0, -0.2, 0, 0.5).isCertain());
  }

  @Test
  void confidenceIsTheSmallerDistanceFromZeroInStandardErrors() {
    PhaseClassifier.Classification c = PhaseClassifier.classify(0.03, 0.01, -0.5, 0.02, 2);
    assertEquals(3.0, c.confidence(), 1e-12);
    assertFalse(c.isCertain());
    assertEquals("I (uncertain: 3.0 stderr)", c.describe());
    PhaseClassifier.Classification sure = PhaseClassifier.classify(0.05, 0.01, -0.5, 0.02, 2);
    assertEquals(5.0, sure.confidence(), 1e-12);
    assertTrue(sure.isCertain());
    assertEquals("I", sure.describe());
    PhaseClassifier.Classification exact = PhaseClassifier.classify(-1e-9, 0, 1e-9, 0, 2);
    assertEquals(Double.POSITIVE_INFINITY, exact.confidence());
    assertTrue(exact.isCertain());
    assertThrows(IllegalArgumentException.class, () -> PhaseClassifier.classify(1, -1, 1, 0, 1));
  }
}
