package org.sgdmc.io;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * The content of one HDF5 attribute or dataset: an element type, a shape and the elements in row-major order.
 *
 * <p>One flat representation serves the writer (which buffers values until commit) and the reader (which turns
 * jhdf's nested Java arrays into this), so that tests and {@code inspect} see exactly what was written.
 *
 * <p>{@code dtype} uses numpy's names as h5py reports them ({@code float64}, {@code int64}, {@code int8}, ...) plus
 * {@code string} for UTF-8 text and {@code bool} for HDF5 bitfields. {@code data} is a flat Java array whose
 * component type matches the dtype (a {@code double[]} for {@code float64}, a {@code String[]} for {@code string},
 * ...). A scalar has shape {@code []} and one element. A value jhdf could not decode has {@code data == null} and
 * the reason in {@code error}.
 *
 * <p>Arrays are shared, not copied, by the accessors: treat them as read-only.
 */
public record Value(String dtype, int[] shape, Object data, String error) {

  public Value {
    Objects.requireNonNull(dtype);
    Objects.requireNonNull(shape);
    if (data != null && Array.getLength(data) != count(shape)) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match "
          + Array.getLength(data) + " elements");
    }
  }

  /** A decoded value. */
  public Value(String dtype, int[] shape, Object data) {
    this(dtype, shape, Objects.requireNonNull(data), null);
  }

  /** A value whose elements could not be read, with the reason. */
  public static Value unreadable(String dtype, int[] shape, String reason) {
    return new Value(dtype, shape, null, reason);
  }

  public static Value of(double x) {
    return new Value("float64", new int[0], new double[] {x});
  }

  public static Value of(long x) {
    return new Value("int64", new int[0], new long[] {x});
  }

  public static Value of(String s) {
    return new Value("string", new int[0], new String[] {s});
  }

  /** A boolean as an int8 0 or 1: jhdf 0.13.0 cannot write h5py's boolean enum, and int8 reads cleanly everywhere. */
  public static Value of(boolean b) {
    return new Value("int8", new int[0], new byte[] {(byte) (b ? 1 : 0)});
  }

  public static Value of(double[] a) {
    return new Value("float64", new int[] {a.length}, a.clone());
  }

  public static Value of(long[] a) {
    return new Value("int64", new int[] {a.length}, a.clone());
  }

  public static Value of(int[] a) {
    return new Value("int32", new int[] {a.length}, a.clone());
  }

  public static Value of(String[] a) {
    return new Value("string", new int[] {a.length}, a.clone());
  }

  /** A row-major copy of a rectangular matrix; a ragged one is rejected. */
  public static Value of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException("ragged 2-D array: row " + r + " has " + rows[r].length
            + " columns, row 0 has " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return new Value("float64", new int[] {rows.length, cols}, flat);
  }

  /** A row-major copy of a rectangular int matrix (phase codes on a grid); a ragged one is rejected. */
  public static Value of(int[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    int[] flat = new int[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException("ragged 2-D array: row " + r + " has " + rows[r].length
            + " columns, row 0 has " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return new Value("int32", new int[] {rows.length, cols}, flat);
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public int size() {
    return count(shape);
  }

  public boolean isScalar() {
    return shape.length == 0;
  }

  public boolean isReadable() {
    return data != null;
  }

  public boolean isFloat() {
    return data instanceof double[] || data instanceof float[];
  }

  public boolean isInteger() {
    return data instanceof long[] || data instanceof int[] || data instanceof short[] || data instanceof byte[];
  }

  public boolean isString() {
    return data instanceof String[];
  }

  /** The elements as doubles (float32 widened exactly); fails for non-float values. */
  public double[] doubles() {
    return switch (data) {
      case double[] d -> d;
      case float[] f -> {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        yield d;
      }
      default -> throw wrongType("floating-point");
    };
  }

  /** The elements as longs, for any integer dtype; fails for other values. */
  public long[] longs() {
    if (data instanceof long[] l) {
      return l;
    }
    if (!isInteger()) {
      throw wrongType("integer");
    }
    long[] l = new long[size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = ((Number) Array.get(data, i)).longValue();
    }
    return l;
  }

  public String[] strings() {
    if (data instanceof String[] s) {
      return s;
    }
    throw wrongType("string");
  }

  /** Element {@code i} (row-major) boxed: Double, Long, Integer, Byte, String, Boolean, ... */
  public Object get(int i) {
    return Array.get(data, i);
  }

  private IllegalStateException wrongType(String wanted) {
    return new IllegalStateException("value of dtype " + dtype + " is not " + wanted);
  }

  static int count(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  @Override
  public String toString() {
    String values = data == null ? "<" + error + ">" : Arrays.deepToString(new Object[] {data});
    return dtype + Arrays.toString(shape) + " " + values;
  }
}
