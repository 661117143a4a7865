package org.sgdmc.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * A sum of doubles (or of terms {@code a 2^k} with an exponent of any size) kept exactly, so that the result
 * does not depend on the order of the additions nor on how the terms were split between accumulators that
 * were later {@link #merge merged}. That is what lets the streaming engine reduce an ensemble on any number
 * of threads, in any block order, or in shards, and still write the same bits.
 *
 * <p>Layout: a term {@code a 2^k} (a a non-negative integer below 2^53) belongs to bucket {@code b = floor(k /
 * 32)}; each bucket owns three 64-bit limbs of weights {@code 2^(32b)}, {@code 2^(32b + 32)} and {@code
 * 2^(32b + 64)} into which the shifted {@code a 2^(k - 32b)} (at most 84 bits) is added as three pieces
 * below 2^33, with the term's sign. Limbs are carry-save: they are normalised every 2^28 additions, long
 * before a limb could overflow. Buckets live in a window that grows as terms arrive.
 *
 * <p>Rows: {@link #addAll} and {@link #addTerms} first add a whole row of terms in a 128-bit integer held in
 * registers, when the row's exponents lie within 57 bits of each other (and one super-bucket, below), then put
 * the row's total into the buckets: the same exact value for a fraction of the work. Otherwise term by term.
 *
 * <p>Truncation, for sums of terms with an unbounded exponent range (sums of exponentials, whose terms may
 * lie millions of bits apart): buckets are grouped into super-buckets of 2^{@value #SUPER_SHIFT} buckets
 * (131072 bits), and every super-bucket more than one below the highest that ever received a term is dropped,
 * when it falls out and again when the sum is read. Since the highest only grows, a super-bucket dropped
 * early is also dropped at the end; and a row's total lands in the super-bucket of its terms. So truncation too
 * is independent of order and of how terms were grouped into rows. What it drops weighs less than
 * 2^-131000 of the sum. Doubles are never truncated: their whole range lies in two super-buckets. The window
 * holds at most two super-buckets (200 KB), whatever the terms.
 */
public final class ExactSum {
  /** log2 of the buckets per super-bucket, the unit of truncation. */
  static final int SUPER_SHIFT = 12;

  private static final long LOW32 = 0xFFFF_FFFFL;
  private static final long LOW48 = (1L << 48) - 1;
  private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
  private static final int NORMALISE_EVERY = 1 << 28;
  /** Buckets of every double: bucket -34 holds the subnormals' unit 2^-1074, bucket 30 the largest doubles. */
  private static final int DOUBLE_BASE = -34;
  private static final int DOUBLE_BUCKETS = 72;
  /** Widest exponent spread of a row added in one 128-bit integer: terms below 2^110, rows below 2^16 terms. */
  private static final int ROW_SPREAD = 57;
  private static final int ROW_MAX = 1 << 16;

  private long[] limbs; // 3 per bucket, bucket base + i at [3i, 3i + 3)
  private long base; // bucket index of limbs[0]
  private long top = Long.MIN_VALUE; // highest bucket that ever received a term
  private int sinceNormalised;
  private long terms;

  private ExactSum(long[] limbs, long base) {
    this.limbs = limbs;
    this.base = base;
  }

  /** An exact sum of doubles (its buckets laid out once over the whole double range). */
  public ExactSum() {
    this(new long[3 * DOUBLE_BUCKETS], DOUBLE_BASE);
  }

  /** An exact sum of terms {@code m 2^k} of any exponent, such as exponentials ({@link #addScaled}). */
  public static ExactSum unbounded() {
    return new ExactSum(new long[0], 0);
  }

  /** Adds a finite double exactly. */
  public void add(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> 52) & 0x7FF;
    long a = bits & MANTISSA;
    if (biased == 0x7FF) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    if (biased == 0) {
      if (a == 0) {
        return; // +-0
      }
      biased = 1; // subnormal: no implicit bit, exponent of the smallest normal
    } else {
      a |= 1L << 52;
    }
    addTerm(bits < 0, a, biased - 1075L);
  }

  /** Adds {@code x[0 .. n-1]} (finite doubles) exactly: the same as adding them one by one. */
  public void addAll(double[] x, int n) {
    int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE; // biased exponents of the non-zero values
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToRawLongBits(x[i]);
      int biased = (int) (bits >>> 52) & 0x7FF;
      if (biased == 0x7FF) {
        throw new IllegalArgumentException("not a finite number: " + x[i]);
      }
      if ((bits & ~Long.MIN_VALUE) != 0) {
        biased = Math.max(biased, 1); // subnormals: the smallest normal's exponent, no implicit bit
        lo = Math.min(lo, biased);
        hi = Math.max(hi, biased);
      }
    }
    if (lo > hi) {
      return; // no term
    }
    long first = lo - 1075L, last = hi - 1075L;
    if (hi - lo > ROW_SPREAD || n > ROW_MAX || superOf(first >> 5) != superOf(Math.max(last >> 5, (first + 96) >> 5))) {
      for (int i = 0; i < n; i++) {
        add(x[i]);
      }
      return;
    }
    // as in addTerms, straight from the bits: one signed 128-bit integer (high, low) of unit 2^first
    long low = 0, high = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToRawLongBits(x[i]);
      int biased = (int) (bits >>> 52) & 0x7FF;
      long a = bits & MANTISSA;
      a = biased == 0 ? a : a | (1L << 52);
      int s = Math.max(biased, 1) - lo;
      long tl = a << s;
      long th = (a >>> 1) >>> (63 - s);
      if (bits < 0) {
        tl = -tl;
        th = ~th + (tl == 0 ? 1 : 0);
      }
      long sum = low + tl;
      high += th + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
      low = sum;
      count += a != 0 ? 1 : 0;
    }
    addTotal(high, low, first, count);
  }

  /**
   * Adds the terms {@code mant[i] 2^exp[i]}, i < n, for signed {@code |mant[i]| < 2^53} (0 for no term):
   * exactly, the same as adding them one by one.
   */
  public void addTerms(long[] mant, long[] exp, int n) {
    long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      if (mant[i] != 0) {
        lo = Math.min(lo, exp[i]);
        hi = Math.max(hi, exp[i]);
      }
    }
    if (lo > hi) {
      return; // no term
    }
    long firstBucket = lo >> 5, lastBucket = Math.max(hi >> 5, (lo + 96) >> 5); // the terms' and the total's
    if (hi - lo > ROW_SPREAD || n > ROW_MAX || superOf(firstBucket) != superOf(lastBucket)) {
      for (int i = 0; i < n; i++) {
        if (mant[i] != 0) {
          addTerm(mant[i] < 0, Math.abs(mant[i]), exp[i]);
        }
      }
      return;
    }
    // the row in one signed 128-bit integer (high, low) of unit 2^lo: each term below 2^110, at most 2^16 terms
    long low = 0, high = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      long m = mant[i];
      int s = (int) (exp[i] - lo);
      long a = Math.abs(m);
      long tl = a << s;
      long th = (a >>> 1) >>> (63 - s); // the bits shifted out of tl (0 for s = 0)
      if (m < 0) { // two's complement of (th, tl)
        tl = -tl;
        th = ~th + (tl == 0 ? 1 : 0);
      }
      long sum = low + tl;
      high += th + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
      low = sum;
      count += m != 0 ? 1 : 0;
    }
    addTotal(high, low, lo, count);
  }

  /** Adds a row's total, the signed 128-bit integer (high, low) of unit 2^k, counting {@code count} terms. */
  private void addTotal(long high, long low, long k, int count) {
    boolean negative = high < 0;
    if (negative) {
      low = -low;
      high = ~high + (low == 0 ? 1 : 0);
    }
    // |total| < 2^126 as three chunks of 48 bits, each a term of its own (same super-bucket as the row's)
    addChunk(negative, low & LOW48, k);
    addChunk(negative, ((low >>> 48) | (high << 16)) & LOW48, k + 48);
    addChunk(negative, high >>> 32, k + 96);
    terms += count - 3;
  }

  private void addChunk(boolean negative, long a, long k) {
    addTerm(negative, a, k);
    if (a == 0) {
      terms++; // addTerm did not count it; the row's count is corrected by the caller
    }
  }

  /** Adds {@code (negative ? -1 : 1) a 2^k} exactly, for {@code 0 <= a < 2^53} and any k. */
  public void addTerm(boolean negative, long a, long k) {
    if (a == 0) {
      return;
    }
    terms++;
    long bucket = k >> 5; // floor(k / 32)
    if (bucket > top) {
      top = bucket;
    }
    if (superOf(bucket) < floorSuper()) {
      return; // truncated, see the class notes
    }
    long j = bucket - base;
    int i = j >= 0 && j < limbs.length / 3 ? (int) (3 * j) : slot(bucket);
    int s = (int) k & 31;
    long lo = (a & LOW32) << s; // below 2^63
    long hi = (a >>> 32) << s; // below 2^52
    long p0 = lo & LOW32;
    long p1 = (lo >>> 32) + (hi & LOW32);
    long p2 = hi >>> 32;
    if (negative) {
      limbs[i] -= p0;
      limbs[i + 1] -= p1;
      limbs[i + 2] -= p2;
    } else {
      limbs[i] += p0;
      limbs[i + 1] += p1;
      limbs[i + 2] += p2;
    }
    if (++sinceNormalised >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /**
   * Adds {@code e^x} (x finite, or -inf for nothing) as the term {@code m 2^k} that {@link
   * org.sgdmc.rng.ExpSplit} gives for x/2: exact for that value, which differs from e^x by the rounding of
   * x / ln 2 (a relative |x| 2^-53). For a whole row, split it at once and add it with {@link #addTerms}, as
   * the summaries do.
   */
  public void addExp(double x) {
    if (x == Double.NEGATIVE_INFINITY) {
      return;
    }
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("not a finite exponent: " + x);
    }
    double[] m = new double[1];
    long[] k = new long[1];
    org.sgdmc.rng.ExpSplit.scalar(new double[] {x / 2}, 1, m, k); // x / 2 is exact
    long bits = Double.doubleToRawLongBits(m[0]); // a positive normal double near 1
    addTerm(false, (bits & MANTISSA) | (1L << 52), k[0] + ((bits >>> 52) & 0x7FF) - 1075L);
  }

  /** Number of terms added (truncated ones included), merged sums included. */
  public long terms() {
    return terms;
  }

  /** Adds every term of {@code other} to this sum; {@code other} is unchanged. */
  public void merge(ExactSum other) {
    if (other.top > top) {
      top = other.top;
    }
    long floor = floorSuper();
    for (int j = 0; j < other.limbs.length / 3; j++) {
      long bucket = other.base + j;
      long l0 = other.limbs[3 * j], l1 = other.limbs[3 * j + 1], l2 = other.limbs[3 * j + 2];
      if ((l0 | l1 | l2) == 0 || superOf(bucket) < floor) {
        continue;
      }
      long at = bucket - base;
      int i = at >= 0 && at < limbs.length / 3 ? (int) (3 * at) : slot(bucket);
      limbs[i] += l0;
      limbs[i + 1] += l1;
      limbs[i + 2] += l2;
    }
    terms += other.terms;
    normalise();
  }

  /**
   * Writes this sum's state (its window of limbs, sparsely, the highest bucket and the term count), for a shard
   * file or a checkpoint: {@link #addSaved} adds it back exactly.
   */
  public void save(DataOutput out) throws IOException {
    out.writeLong(top);
    out.writeLong(terms);
    out.writeLong(base);
    out.writeInt(limbs.length);
    SavedArrays.writeSparse(out, limbs);
  }

  /** Adds a sum that {@link #save} wrote (of a sum of either kind) to this one, as {@link #merge} would. */
  public void addSaved(DataInput in) throws IOException {
    long savedTop = in.readLong();
    long savedTerms = in.readLong();
    long savedBase = in.readLong();
    int length = in.readInt();
    if (length < 0 || length % 3 != 0 || length > 3 * (4 << SUPER_SHIFT) + 3 * DOUBLE_BUCKETS) {
      throw new IOException("not a saved exact sum (" + length + " limbs)");
    }
    ExactSum saved = new ExactSum(SavedArrays.readSparse(in, length), savedBase);
    saved.top = savedTop;
    saved.terms = savedTerms;
    merge(saved);
  }

  /**
   * The exact value as {@code mantissa 2^exponent}: a big integer and the binary exponent of its unit, in
   * canonical form (the mantissa odd, or 0 with exponent 0), so two equal values are equal records.
   */
  public record Exact(BigInteger mantissa, long exponent) {
    /** The value rounded to the nearest double. */
    public double doubleValue() {
      if (mantissa.signum() == 0) {
        return 0.0;
      }
      BigInteger abs = mantissa.abs();
      int excess = Math.max(0, abs.bitLength() - 64);
      BigInteger top = abs.shiftRight(excess);
      if (excess > 0 && abs.getLowestSetBit() < excess) {
        top = top.setBit(0); // a sticky bit: 64 bits hold the 53 kept, the rounding bit and this
      }
      double d = top.doubleValue(); // correctly rounded
      long scale = exponent + excess;
      int clamped = (int) Math.max(-4000, Math.min(4000, scale)); // beyond these, 0 or infinity either way
      return mantissa.signum() * Math.scalb(d, clamped);
    }

    /** The natural logarithm of the value (which must be positive); valid far beyond the double range. */
    public double log() {
      if (mantissa.signum() <= 0) {
        return mantissa.signum() == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
      }
      int excess = Math.max(0, mantissa.bitLength() - 63);
      double top63 = mantissa.shiftRight(excess).doubleValue();
      return Math.log(top63) + (double) (exponent + excess) * LN2;
    }
  }

  /** The exact sum (after truncation). */
  public Exact exact() {
    BigInteger total = BigInteger.ZERO;
    long floor = floorSuper();
    for (int j = limbs.length / 3 - 1; j >= 0; j--) {
      long bucket = base + j;
      if (superOf(bucket) < floor) {
        break;
      }
      // the value of bucket j relative to bucket 0 is (l0 + l1 2^32 + l2 2^64) 2^(32 j)
      BigInteger v = BigInteger.valueOf(limbs[3 * j])
          .add(BigInteger.valueOf(limbs[3 * j + 1]).shiftLeft(32))
          .add(BigInteger.valueOf(limbs[3 * j + 2]).shiftLeft(64));
      total = total.add(v.shiftLeft(32 * j));
    }
    if (total.signum() == 0) {
      return new Exact(BigInteger.ZERO, 0);
    }
    int zeros = total.getLowestSetBit(); // canonical form (odd mantissa), so equal values are equal records
    return new Exact(total.shiftRight(zeros), 32 * base + zeros);
  }

  /** The sum rounded to the nearest double. */
  public double value() {
    return exact().doubleValue();
  }

  /** The lowest super-bucket kept: one below the highest that received a term. */
  private long floorSuper() {
    return top == Long.MIN_VALUE ? Long.MIN_VALUE : superOf(top) - 1;
  }

  /**
   * The super-bucket of a bucket. Offset by half a super-bucket so that no boundary falls near 2^0: the
   * everyday doubles (buckets -34 .. 31) lie inside one, and rows of them never straddle two.
   */
  static long superOf(long bucket) {
    return (bucket + (1L << (SUPER_SHIFT - 1))) >> SUPER_SHIFT;
  }

  /** The slot of {@code bucket} (in a kept super-bucket) in {@link #limbs}, growing the window as needed. */
  private int slot(long bucket) {
    int count = limbs.length / 3;
    long floor = (floorSuper() << SUPER_SHIFT) - (1L << (SUPER_SHIFT - 1)); // the lowest bucket kept
    long lo = bucket, hi = bucket;
    if (count > 0) {
      lo = Math.min(lo, Math.max(base, floor));
      hi = Math.max(hi, base + count - 1);
    }
    lo = Math.max(lo, floor);
    int needed = (int) (hi - lo + 1); // at most two super-buckets: lo >= floor and hi <= top
    int size = Math.max(needed + 8, Math.min(2 * count, 2 << SUPER_SHIFT));
    long newBase = bucket < base ? hi - size + 1 : lo; // room on the side the window grows toward
    long[] next = new long[3 * size];
    for (int b = 0; b < count; b++) {
      long at = base + b - newBase;
      if (base + b >= floor && at >= 0 && at < size) {
        System.arraycopy(limbs, 3 * b, next, (int) (3 * at), 3);
      }
    }
    limbs = next;
    base = newBase;
    return (int) (3 * (bucket - base));
  }

  /**
   * Carries each bucket's low limbs into its top limb, so none exceeds 32 bits plus sign; the top limb then
   * has room for 2^30 normalisations. The value is unchanged.
   */
  private void normalise() {
    for (int j = 0; j < limbs.length; j += 3) {
      long c0 = limbs[j] >> 32;
      limbs[j] -= c0 << 32;
      limbs[j + 1] += c0;
      long c1 = limbs[j + 1] >> 32;
      limbs[j + 1] -= c1 << 32;
      limbs[j + 2] += c1;
    }
    sinceNormalised = 0;
  }

  private static final double LN2 = 0.6931471805599453;
}
