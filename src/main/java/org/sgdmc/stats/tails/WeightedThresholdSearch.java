package org.sgdmc.stats.tails;

/**
 * The threshold search of {@link ThresholdScan}, on the region's points with integer multiplicities: a
 * bootstrap replicate's tail without building the replicate. A replicate contains original point i
 * {@code c(i)} times ({@code c} the count of its cluster), so its sorted tail is the original sorted tail
 * with those weights (zeros allowed), and its k-th largest point is the original point t with {@code W_t
 * <= k < W_(t+1)}. One pass over the weights gives the prefix counts {@code W} (kept, for the KS distance)
 * and, at each grid k, t and the weighted log sum; the Hill fit and the KS distance then cost O(1) and
 * O(sqrt k) per k, as for the data.
 *
 * <p>Not thread-safe (scratch space); one per thread.
 */
final class WeightedThresholdSearch {
  private final TailSample sample;
  private final double[] logs;
  private final int[] slots;
  private final int top;
  private final int[] grid;
  private final int[] prefix;
  private final int[] tailEnd;
  private final double[] logSum;
  private final double[] alphaAt;
  private final double[] lowerAt;
  private final int[] byLower;
  private final KsDistance distance = new KsDistance();
  private final double acceptance;
  private final ReplicateDraws rng = new ReplicateDraws();
  private final MultinomialCounts multinomial = new MultinomialCounts();
  /** Counts per slot (clusters only). */
  private final int[] counts;
  /** Weights of a block of points on their way into the pass. */
  private final int[] buffer = new int[MultinomialCounts.BLOCK];
  /** Points per candidate k at which a lower bound of its KS distance is taken before the search. */
  static final int PROBES = 64;
  /** Grid points the last search could reach (fewer than the grid when the region's weight ran out). */
  int reachable;
  /** Grid index of the last search's choice, -1 if none. */
  int chosenIndex;

  // the prefix pass in progress, carried from one block of weights to the next
  private int g;
  private int weight;
  private final double[] sums = new double[4];

  /**
   * A search over ascending {@code grid} using the region points {@code 0 .. top} of {@code sample} (their
   * weight decides how far up the grid a replicate reaches).
   */
  WeightedThresholdSearch(TailSample sample, int[] grid, int top) {
    this(sample, grid, top, 0.0);
  }

  /** As above, choosing by the KS acceptance rule of {@link TailFitOptions#ksAcceptance} when it is positive. */
  WeightedThresholdSearch(TailSample sample, int[] grid, int top, double acceptance) {
    this.acceptance = acceptance;
    this.sample = sample;
    this.logs = sample.logs();
    this.slots = sample.slots();
    this.top = top;
    this.grid = grid;
    this.prefix = new int[top + 2];
    this.tailEnd = new int[grid.length];
    this.logSum = new double[grid.length];
    this.alphaAt = new double[grid.length];
    this.lowerAt = new double[grid.length];
    this.byLower = new int[grid.length];
    this.counts = slots == null ? null : new int[slotsUsed(sample, top)];
  }

  /** Distinct weights the points {@code 0 .. top} use: the slots a replicate must draw counts for. */
  static int slotsUsed(TailSample sample, int top) {
    int[] slots = sample.slots();
    if (slots == null) {
      return top + 1;
    }
    int max = -1;
    for (int i = 0; i <= top; i++) {
      max = Math.max(max, slots[i]);
    }
    return max + 1;
  }

  /**
   * Bootstrap replicate {@code b} under {@code seed}: the clusters' counts are drawn ({@link
   * MultinomialCounts}, with {@link ReplicateDraws} at coordinates (seed, b)) and the weighted tail searched.
   * For i.i.d. samples the counts are drawn block by block as the prefix pass consumes them, and no further
   * than the grid needs.
   */
  ThresholdChoice replicate(long seed, long b) {
    rng.start(seed, b);
    long cells = sample.clusters();
    if (slots == null) {
      multinomial.start(top + 1, cells, cells, rng);
      beginPass();
      for (int from = 0; from <= top && g < grid.length; ) {
        int size = multinomial.nextBlock(buffer, 0);
        passBlock(buffer, from, from + size);
        from += size;
      }
    } else {
      MultinomialCounts.draw(counts, counts.length, cells, cells, rng);
      beginPass();
      passBySlots(counts);
    }
    return choose();
  }

  /**
   * The KS-optimal threshold when region point i has weight {@code counts[slot(i)]} (for i.i.d. samples
   * {@code counts[i]}), or null if no grid k gives a tail with two distinct values.
   */
  ThresholdChoice search(int[] counts) {
    beginPass();
    if (slots == null) {
      passBlock(counts, 0, top + 1);
    } else {
      passBySlots(counts);
    }
    return choose();
  }

  private void beginPass() {
    g = 0;
    weight = 0;
    sums[0] = sums[1] = sums[2] = sums[3] = 0;
    prefix[0] = 0;
  }

  /**
   * The prefix pass over points {@code from .. to-1}, point i with weight {@code weights[i - from]}: fills
   * {@code prefix}, and per grid k the tail end t and the weighted log sum above it ({@link
   * HillEstimator#stripedSums}'s order of additions: four accumulators by i mod 4, so that the additions are
   * not one long dependency chain, and the same bits as the data's own pass when all weights are 1). Stops
   * once every grid point is placed. Memory-bound (a read of the log and a write of the prefix count per
   * point), so it is kept free of anything else: weights arrive in a small buffer.
   */
  private void passBlock(int[] weights, int from, int to) {
    int gg = g;
    int[] grid = this.grid;
    double[] logs = this.logs;
    int[] prefix = this.prefix;
    if (gg == grid.length) {
      return;
    }
    int nextK = grid[gg];
    int w = weight;
    double a0 = sums[0], a1 = sums[1], a2 = sums[2], a3 = sums[3];
    int i = from;
    for (; i < to && (i & 3) != 0; i++) {
      int c = weights[i - from];
      if (w + c > nextK) {
        gg = place(gg, i, w + c, (a0 + a1) + (a2 + a3));
        if (gg == grid.length) {
          break;
        }
        nextK = grid[gg];
      }
      switch (i & 3) {
        case 1 -> a1 += c * logs[i];
        case 2 -> a2 += c * logs[i];
        default -> a3 += c * logs[i];
      }
      w += c;
      prefix[i + 1] = w;
    }
    for (; i + 4 <= to && gg < grid.length; i += 4) {
      int j = i - from;
      int c0 = weights[j];
      int c1 = weights[j + 1];
      int c2 = weights[j + 2];
      int c3 = weights[j + 3];
      int w0 = w + c0;
      int w1 = w0 + c1;
      int w2 = w1 + c2;
      int w3 = w2 + c3;
      if (w3 > nextK) {
        // a grid k falls among these four points: place it point by point, as the scalar loop would
        if (w0 > nextK) {
          gg = place(gg, i, w0, (a0 + a1) + (a2 + a3));
        }
        double b0 = a0 + c0 * logs[i];
        if (gg < grid.length && w1 > grid[gg]) {
          gg = place(gg, i + 1, w1, (b0 + a1) + (a2 + a3));
        }
        double b1 = a1 + c1 * logs[i + 1];
        if (gg < grid.length && w2 > grid[gg]) {
          gg = place(gg, i + 2, w2, (b0 + b1) + (a2 + a3));
        }
        double b2 = a2 + c2 * logs[i + 2];
        if (gg < grid.length && w3 > grid[gg]) {
          gg = place(gg, i + 3, w3, (b0 + b1) + (b2 + a3));
        }
        nextK = gg < grid.length ? grid[gg] : Integer.MAX_VALUE;
      }
      a0 += c0 * logs[i];
      a1 += c1 * logs[i + 1];
      a2 += c2 * logs[i + 2];
      a3 += c3 * logs[i + 3];
      prefix[i + 1] = w0;
      prefix[i + 2] = w1;
      prefix[i + 3] = w2;
      prefix[i + 4] = w3;
      w = w3;
    }
    for (; i < to && gg < grid.length; i++) {
      int c = weights[i - from];
      if (w + c > nextK) {
        gg = place(gg, i, w + c, (a0 + a1) + (a2 + a3));
        if (gg == grid.length) {
          break;
        }
        nextK = grid[gg];
      }
      switch (i & 3) {
        case 0 -> a0 += c * logs[i];
        case 1 -> a1 += c * logs[i];
        default -> a2 += c * logs[i];
      }
      w += c;
      prefix[i + 1] = w;
    }
    g = gg;
    weight = w;
    sums[0] = a0;
    sums[1] = a1;
    sums[2] = a2;
    sums[3] = a3;
  }

  /** The pass over points {@code 0 .. top} whose weights are the counts of their slots, a buffer at a time. */
  private void passBySlots(int[] slotCounts) {
    for (int from = 0; from <= top && g < grid.length; from += buffer.length) {
      int to = Math.min(top + 1, from + buffer.length);
      for (int i = from; i < to; i++) {
        buffer[i - from] = slotCounts[slots[i]];
      }
      passBlock(buffer, from, to);
    }
  }

  /** The first point of positive weight (the replicate's maximum): where the prefix counts leave 0. */
  private int firstWeighted() {
    int lo = 0;
    int hi = tailEnd[reachable - 1];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (prefix[mid + 1] > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Records point i as the tail end of every grid k below {@code next}, the weight up to and with it. */
  private int place(int gg, int i, int next, double sumAbove) {
    while (gg < grid.length && grid[gg] < next) {
      tailEnd[gg] = i;
      logSum[gg] = sumAbove;
      gg++;
    }
    return gg;
  }

  /**
   * The KS-optimal grid point after a prefix pass; ties go to the smaller k, as in {@link ThresholdScan}.
   *
   * <p>Only the winner's KS distance is needed exactly. So every k first gets a cheap lower bound (the
   * largest term at {@value #PROBES} evenly spaced points), the k are then evaluated in order of that
   * bound, and each evaluation stops as soon as it is known to lose ({@link KsDistance}'s limit); once the
   * bound itself exceeds the best distance found, no later k can win. The choice is the same as from
   * evaluating every k in full, at a fraction of the cost (one or two full evaluations per replicate).
   */
  private ThresholdChoice choose() {
    reachable = g;
    chosenIndex = -1;
    if (reachable == 0) {
      return null;
    }
    double maxLog = logs[firstWeighted()];
    int candidates = 0;
    for (int gi = 0; gi < reachable; gi++) {
      int t = tailEnd[gi];
      double alpha = maxLog == logs[t] ? Double.NaN : HillEstimator.alpha(grid[gi], logSum[gi], prefix[t], logs[t]);
      alphaAt[gi] = alpha;
      if (!Double.isNaN(alpha)) {
        lowerAt[gi] = distance.probe(logs, prefix, t, grid[gi], alpha, PROBES);
        byLower[candidates++] = gi;
      }
    }
    if (acceptance > 0) {
      ThresholdChoice accepted = largestAccepted();
      if (accepted != null) {
        return accepted;
      }
    }
    sortByLowerBound(candidates);
    double bestKs = Double.POSITIVE_INFINITY;
    for (int r = 0; r < candidates; r++) {
      int gi = byLower[r];
      if (lowerAt[gi] > bestKs) {
        break; // sorted: every later k has a larger lower bound
      }
      boolean mustBeSmaller = chosenIndex >= 0 && gi > chosenIndex;
      if (mustBeSmaller && lowerAt[gi] == bestKs) {
        continue;
      }
      double ks = distance.weighted(logs, prefix, tailEnd[gi], grid[gi], alphaAt[gi], bestKs, mustBeSmaller);
      if (ks < bestKs || (ks == bestKs && gi < chosenIndex)) {
        bestKs = ks;
        chosenIndex = gi;
      }
    }
    if (chosenIndex < 0) {
      return null;
    }
    return new ThresholdChoice(grid[chosenIndex], sample.largest(tailEnd[chosenIndex]), alphaAt[chosenIndex],
        bestKs);
  }

  /**
   * The largest reachable k whose weighted KS distance passes {@code sqrt(k) D <= acceptance}, or null. Each
   * evaluation stops as soon as D exceeds the k's own limit, and the probe bound skips most failing k at once.
   */
  private ThresholdChoice largestAccepted() {
    for (int gi = reachable - 1; gi >= 0; gi--) {
      if (Double.isNaN(alphaAt[gi])) {
        continue;
      }
      double limit = acceptance / Math.sqrt(grid[gi]);
      if (lowerAt[gi] > limit) {
        continue;
      }
      double ks = distance.weighted(logs, prefix, tailEnd[gi], grid[gi], alphaAt[gi], limit, false);
      if (ks <= limit) {
        chosenIndex = gi;
        return new ThresholdChoice(grid[gi], sample.largest(tailEnd[gi]), alphaAt[gi], ks);
      }
    }
    return null;
  }

  /** Insertion sort of {@code byLower[0 .. n)} by ascending lower bound, then grid index (a few hundred). */
  private void sortByLowerBound(int n) {
    for (int i = 1; i < n; i++) {
      int v = byLower[i];
      double key = lowerAt[v];
      int j = i - 1;
      while (j >= 0 && (lowerAt[byLower[j]] > key || (lowerAt[byLower[j]] == key && byLower[j] > v))) {
        byLower[j + 1] = byLower[j];
        j--;
      }
      byLower[j + 1] = v;
    }
  }
}
