package org.sgdmc.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecordTimesTest {
  @Test
  void logSpacedTimesStartAtZeroEndAtTheLastStepAndAreStrictlyIncreasing() {
    long[] t = RecordTimes.parse("log:40", 1000);
    assertEquals(0, t[0]);
    assertEquals(1000, t[t.length - 1]);
    for (int i = 1; i < t.length; i++) {
      assertEquals(true, t[i] > t[i - 1], "times must increase");
    }
  }

  @Test
  void aListIsTakenAsGivenPlusTheEnds() {
    assertArrayEquals(new long[] {0, 5, 7, 10}, RecordTimes.parse("7, 5", 10));
  }

  @Test
  void linearSpacing() {
    assertArrayEquals(new long[] {0, 25, 50, 75, 100}, RecordTimes.parse("linear:4", 100));
  }

  @Test
  void badSpecificationsAreOneLineErrors() {
    assertThrows(IllegalArgumentException.class, () -> RecordTimes.parse("log:0", 10));
    assertThrows(IllegalArgumentException.class, () -> RecordTimes.parse("11", 10));
    assertThrows(IllegalArgumentException.class, () -> RecordTimes.parse("-1", 10));
    assertThrows(IllegalArgumentException.class, () -> RecordTimes.parse("soon", 10));
    assertThrows(IllegalArgumentException.class, () -> RecordTimes.parse("log:5", 0));
  }

  @Test
  void atOrBeforeFindsTheLastTimeNotAfter() {
    long[] t = {0, 3, 8, 20};
    assertEquals(1, RecordTimes.atOrBefore(t, 3));
    assertEquals(1, RecordTimes.atOrBefore(t, 7));
    assertEquals(3, RecordTimes.atOrBefore(t, 99));
  }
}
