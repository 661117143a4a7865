package org.sgdmc.engine;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The steps at which the ensemble is observed. Always includes 0 (the start) and the last step, sorted,
 * without repeats. Specifications, as the CLI takes them:
 *
 * <ul>
 *   <li>{@code log:K} (the default, K = 40): K times log-spaced between 1 and T, rounded to whole steps;
 *   <li>{@code linear:K}: K equally spaced times in (0, T];
 *   <li>{@code 0,10,100,...}: exactly these.
 * </ul>
 */
public final class RecordTimes {
  /** The default specification. */
  public static final String DEFAULT = "log:40";

  private RecordTimes() {}

  /** Parses {@code spec} for a run of {@code steps} steps; throws IllegalArgumentException with one line. */
  public static long[] parse(String spec, long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, not " + steps);
    }
    String s = spec.trim();
    TreeSet<Long> times = new TreeSet<>();
    times.add(0L);
    times.add(steps);
    if (s.startsWith("log:") || s.startsWith("linear:")) {
      int k = count(s.substring(s.indexOf(':') + 1), spec);
      boolean log = s.startsWith("log:");
      for (int i = 1; i <= k; i++) {
        double f = k == 1 ? 1.0 : (i - 1) / (double) (k - 1);
        long t = log ? Math.round(Math.pow(steps, f)) : Math.round(steps * (double) i / k);
        times.add(Math.max(1, Math.min(steps, t)));
      }
    } else {
      for (String part : s.split(",")) {
        long t;
        try {
          t = Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "record times '" + spec + "': expected log:K, linear:K or a comma-separated list of steps");
        }
        if (t < 0 || t > steps) {
          throw new IllegalArgumentException("record time " + t + " is outside 0.." + steps);
        }
        times.add(t);
      }
    }
    return times.stream().mapToLong(Long::longValue).toArray();
  }

  private static int count(String text, String spec) {
    try {
      int k = Integer.parseInt(text.trim());
      if (k < 1 || k > 100_000) {
        throw new NumberFormatException();
      }
      return k;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("record times '" + spec + "': K must be a whole number in 1..100000");
    }
  }

  /** Index of the largest time {@code <= t} in sorted {@code times}. */
  public static int atOrBefore(long[] times, long t) {
    int i = Arrays.binarySearch(times, t);
    return i >= 0 ? i : -i - 2;
  }
}
