package org.sgdmc.stats;

import java.math.BigInteger;
import java.util.Arrays;

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
 * <p>Truncation, for sums of terms with an unbounded exponent range (sums of exponentials): with a
 * window of W buckets, every bucket more than W below the highest bucket that ever received a term is
 * dropped, when it falls out and again when the sum is read. Since the highest bucket only grows, a bucket
 * dropped early is also dropped at the end, so truncation too is independent of order. It costs a relative
 * error below {@code n 2^(53 - 32 W)} for n terms; plain doubles need no truncation (their 2098-bit range
 * fits 66 buckets).
 *
 * <p>Per addition this is about a dozen integer operations, no allocation once the window has grown.
 */
public final class ExactSum {
  /** Window, in buckets, that makes a sum of doubles exact: the whole double range and room to spare. */
  public static final int DOUBLE_RANGE = 72;
  /** Window, in buckets, for sums of exponentials: 1216 bits, so dropped terms weigh below 2^-1100. */
  public static final int EXP_RANGE = 38;

  private static final long LOW32 = 0xFFFF_FFFFL;
  private static final int NORMALISE_EVERY = 1 << 28;

  private final int window;
  private long[] limbs = new long[0]; // 3 per bucket, bucket base + i at [3i, 3i + 3)
  private long base; // bucket index of limbs[0]
  private long top = Long.MIN_VALUE; // highest bucket that ever received a term
  private int sinceNormalised;
  private long terms;

  /** An exact sum of doubles. */
  public ExactSum() {
    this(DOUBLE_RANGE);
  }

  /** A sum that keeps {@code windowBuckets} buckets of 32 bits below its highest term's (see the class notes). */
  public ExactSum(int windowBuckets) {
    if (windowBuckets < 4) {
      throw new IllegalArgumentException("window must be at least 4 buckets, not " + windowBuckets);
    }
    this.window = windowBuckets;
    if (windowBuckets == DOUBLE_RANGE) {
      limbs = new long[3 * DOUBLE_RANGE]; // buckets -34 .. 37: every double, laid out once (see addDense)
      base = -34;
      top = base + DOUBLE_RANGE - 1;
    }
  }

  /** Adds a finite double exactly. */
  public void add(double x) {
    if (window == DOUBLE_RANGE) {
      addDense(x);
      return;
    }
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> 52) & 0x7FF;
    long a = bits & 0x000F_FFFF_FFFF_FFFFL;
    if (biased == 0) {
      if (a == 0) {
        return; // +-0
      }
      biased = 1; // subnormal: no implicit bit, exponent of the smallest normal
    } else {
      if (biased == 0x7FF) {
        throw new IllegalArgumentException("not a finite number: " + x);
      }
      a |= 1L << 52;
    }
    addTerm(bits < 0, a, biased - 1075L);
  }

  /**
   * The fast path for doubles: the window is laid out once over the whole double range (bucket -34 holds
   * the subnormals' unit 2^-1074), so the bucket and shift come from the biased exponent alone.
   */
  private void addDense(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> 52) & 0x7FF;
    long a = bits & 0x000F_FFFF_FFFF_FFFFL;
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
    int shifted = biased + 13; // = k + 1088 with k = biased - 1075 the exponent of a's unit; 1088 = 34 * 32
    int i = 3 * (shifted >>> 5);
    int s = shifted & 31;
    long lo = (a & LOW32) << s;
    long hi = (a >>> 32) << s;
    long p0 = lo & LOW32;
    long p1 = (lo >>> 32) + (hi & LOW32);
    long p2 = hi >>> 32;
    long sign = bits >> 63; // 0 or -1: (p ^ sign) - sign is p or -p
    long[] l = limbs;
    l[i] += (p0 ^ sign) - sign;
    l[i + 1] += (p1 ^ sign) - sign;
    l[i + 2] += (p2 ^ sign) - sign;
    terms++;
    if (++sinceNormalised >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Adds {@code (negative ? -1 : 1) a 2^k} exactly, for {@code 0 <= a < 2^53} and any k. */
  public void addTerm(boolean negative, long a, long k) {
    if (a == 0) {
      return;
    }
    long bucket = k >> 5; // floor(k / 32)
    if (bucket > top) {
      top = bucket;
    }
    if (bucket < top - window) {
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
    terms++;
    if (++sinceNormalised >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /**
   * Adds {@code m 2^k} for a finite positive double m: exact, like every term. With {@code
   * rng.ExpSplit}, a sum of exponentials far outside the double range.
   */
  public void addScaled(double m, long k) {
    long bits = Double.doubleToRawLongBits(m);
    int biased = (int) (bits >>> 52) & 0x7FF;
    if (biased == 0 || biased == 0x7FF || m < 0) {
      throw new IllegalArgumentException("not a positive normal double: " + m);
    }
    addTerm(false, (bits & 0x000F_FFFF_FFFF_FFFFL) | (1L << 52), k + biased - 1075L);
  }

  /**
   * Adds {@code e^x} (x finite, or -inf for nothing) as {@code m 2^k} from {@link
   * org.sgdmc.rng.ExpSplit} (of x/2): exact for that value, which carries the few-ulp error of m. Use with a
   * window such as {@link #EXP_RANGE}. For many terms, split a whole row at once and call {@link #addScaled}.
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
    addScaled(m[0], k[0]);
  }

  /** Number of terms added (truncated ones excluded), merged sums included. */
  public long terms() {
    return terms;
  }

  /** Adds every term of {@code other} to this sum; {@code other} is unchanged. Same window required. */
  public void merge(ExactSum other) {
    if (other.window != window) {
      throw new IllegalArgumentException("cannot merge sums of different windows");
    }
    if (other.top > top) {
      top = other.top;
    }
    for (int j = 0; j < other.limbs.length / 3; j++) {
      long bucket = other.base + j;
      long l0 = other.limbs[3 * j], l1 = other.limbs[3 * j + 1], l2 = other.limbs[3 * j + 2];
      if ((l0 | l1 | l2) == 0 || bucket < top - window) {
        continue;
      }
      int i = slot(bucket);
      limbs[i] += l0;
      limbs[i + 1] += l1;
      limbs[i + 2] += l2;
    }
    terms += other.terms;
    normalise();
  }

  /** Empties the sum. */
  public void clear() {
    Arrays.fill(limbs, 0);
    top = window == DOUBLE_RANGE ? base + DOUBLE_RANGE - 1 : Long.MIN_VALUE;
    terms = 0;
    sinceNormalised = 0;
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

  /** The exact sum (after truncation, for a windowed sum). */
  public Exact exact() {
    BigInteger total = BigInteger.ZERO;
    for (int j = limbs.length / 3 - 1; j >= 0; j--) {
      long bucket = base + j;
      if (bucket < top - window) {
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

  /** The slot of {@code bucket} (at or above the truncation floor) in {@link #limbs}, growing the window. */
  private int slot(long bucket) {
    int count = limbs.length / 3;
    long j = bucket - base;
    if (j >= 0 && j < count) {
      return (int) (3 * j);
    }
    long floor = top - window; // buckets below it are truncated; the caller's bucket is not
    long lo = bucket, hi = bucket;
    if (count > 0) {
      lo = Math.min(lo, Math.max(base, floor));
      hi = Math.max(hi, base + count - 1);
    }
    int needed = (int) (hi - lo + 1); // at most window + 1: lo >= floor and hi <= top
    int size = Math.max(needed + 8, Math.min(2 * count, window + 9));
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
