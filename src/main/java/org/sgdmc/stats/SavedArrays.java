package org.sgdmc.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Arrays of counts and limbs as the accumulators save them: mostly zeros (a histogram's empty bins, a sum's
 * unused buckets), so only the non-zero entries are written, as (index, value) pairs.
 */
final class SavedArrays {
  private SavedArrays() {}

  static void writeSparse(DataOutput out, long[] a) throws IOException {
    int nonZero = 0;
    for (long v : a) {
      nonZero += v != 0 ? 1 : 0;
    }
    out.writeInt(nonZero);
    for (int i = 0; i < a.length; i++) {
      if (a[i] != 0) {
        out.writeInt(i);
        out.writeLong(a[i]);
      }
    }
  }

  /** An array of {@code length} that {@link #writeSparse} wrote; IOException where the entries do not fit it. */
  static long[] readSparse(DataInput in, int length) throws IOException {
    long[] a = new long[length];
    int nonZero = in.readInt();
    if (nonZero < 0 || nonZero > length) {
      throw new IOException("damaged saved array: " + nonZero + " entries for " + length);
    }
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      if (i < 0 || i >= length) {
        throw new IOException("damaged saved array: index " + i + " of " + length);
      }
      a[i] = in.readLong();
    }
    return a;
  }
}
