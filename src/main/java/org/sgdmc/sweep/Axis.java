package org.sgdmc.sweep;

import java.util.Arrays;

/**
 * One axis of a sweep grid: a parameter name and its values, in the order given.
 *
 * <p>Specifications: {@code START:STOP:COUNT} (COUNT equally spaced values, both ends included; COUNT = 1
 * gives START), {@code log:START:STOP:COUNT} (geometric spacing, START and STOP > 0), or a comma-separated
 * list {@code v1,v2,...}.
 */
public record Axis(String name, double[] values) {

  public Axis {
    if (values.length == 0) {
      throw new IllegalArgumentException("axis " + name + " has no values");
    }
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public int size() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  /** Parses an axis specification; one-line IllegalArgumentException on anything malformed. */
  public static Axis parse(String name, String spec) {
    String s = spec.trim();
    boolean log = s.startsWith("log:");
    if (log) {
      s = s.substring(4);
    }
    if (s.contains(":")) {
      String[] p = s.split(":");
      if (p.length != 3) {
        throw new IllegalArgumentException("--" + name + " " + spec + ": expected START:STOP:COUNT");
      }
      double start = number(name, p[0], spec), stop = number(name, p[1], spec);
      int count;
      try {
        count = Integer.parseInt(p[2].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " " + spec + ": COUNT must be a whole number");
      }
      if (count < 1 || count > 100_000) {
        throw new IllegalArgumentException("--" + name + " " + spec + ": COUNT must be in 1..100000, not " + count);
      }
      if (start > stop) {
        throw new IllegalArgumentException("--" + name + " " + spec + ": START must not exceed STOP");
      }
      if (log && !(start > 0)) {
        throw new IllegalArgumentException("--" + name + " " + spec + ": a log axis needs START > 0");
      }
      double[] v = new double[count];
      for (int i = 0; i < count; i++) {
        double f = count == 1 ? 0 : i / (double) (count - 1);
        // linear: multiply before dividing, so a grid of whole numbers (--batch 1:100:100) is whole numbers
        // exactly (13/99 * 99 is 13.000000000000002)
        v[i] = log ? start * Math.pow(stop / start, f)
            : count == 1 ? start : start + (stop - start) * i / (count - 1);
      }
      if (count > 1) {
        v[count - 1] = stop; // exactly the requested end
      }
      return new Axis(name, v);
    }
    if (log) {
      throw new IllegalArgumentException("--" + name + " " + spec + ": log: needs START:STOP:COUNT");
    }
    double[] v = Arrays.stream(s.split(",")).mapToDouble(x -> number(name, x, spec)).toArray();
    return new Axis(name, v);
  }

  private static double number(String name, String text, String spec) {
    try {
      double d = Double.parseDouble(text.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " " + spec + ": '" + text.trim() + "' is not a finite number");
    }
  }
}
