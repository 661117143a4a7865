package org.sgdmc.stats.tails;

import java.util.Arrays;

/**
 * The candidate numbers of tail points: geometric from kMin to kMax. Geometric because both the statistical
 * error of a fit (1/sqrt(k)) and the features of a Hill plot live on a log scale in k; with ratio r the grid
 * has about {@code ln(kMax/kMin) / ln r} points (116 per decade at r = 1.02), and evaluating the KS distance
 * exactly at each costs far less than the O(k) it would naively (see {@link KsDistance}).
 */
public final class KGrid {
  private KGrid() {}

  /**
   * {@code k_0 = kMin}, {@code k_(j+1) = max(k_j + 1, round(k_j r))} while below kMax, then kMax itself: strictly
   * increasing, both ends included.
   */
  public static int[] geometric(int kMin, int kMax, double ratio) {
    if (kMin < 1 || kMax < kMin) {
      throw new IllegalArgumentException("need 1 <= kMin <= kMax: " + kMin + ", " + kMax);
    }
    if (!(ratio > 1)) {
      throw new IllegalArgumentException("the grid ratio must exceed 1: " + ratio);
    }
    int[] grid = new int[64];
    int size = 0;
    long k = kMin;
    while (k < kMax) {
      if (size == grid.length) {
        grid = Arrays.copyOf(grid, 2 * size);
      }
      grid[size++] = (int) k;
      k = Math.max(k + 1, Math.round(k * ratio));
    }
    if (size == grid.length) {
      grid = Arrays.copyOf(grid, size + 1);
    }
    grid[size++] = kMax;
    return Arrays.copyOf(grid, size);
  }

  /** The entries of ascending {@code grid} in {@code [lo, hi]}. */
  static int[] within(int[] grid, int lo, int hi) {
    int from = 0;
    while (from < grid.length && grid[from] < lo) {
      from++;
    }
    int to = from;
    while (to < grid.length && grid[to] <= hi) {
      to++;
    }
    return Arrays.copyOfRange(grid, from, to);
  }
}
