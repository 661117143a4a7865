package org.sgdmc.rng;

/**
 * The independent random streams of one trajectory, one per purpose, so that adding a use of randomness
 * (say, label noise) never shifts the numbers an existing use draws. The id is part of the Philox counter
 * (see {@link StreamLayout}); never renumber an existing constant, or stored results stop reproducing.
 */
public enum Stream {
  /** Fresh features x drawn each step (infinite data). */
  DATA(0),
  /** Which data points a minibatch uses (finite data). */
  BATCH(1),
  /** Random initial conditions. */
  INIT(2),
  /** Label noise and added (Gaussian or Levy) gradient noise. */
  NOISE(3),
  /** The points of a generated finite dataset (drawn once, by "trajectory" 0). */
  DATASET(4),
  /**
   * Datasets drawn afresh for every trajectory ({@code --dataset per-trajectory}): trajectory i's own dataset, keyed
   * by (data seed, i), so an ensemble can also be over datasets.
   */
  DATASETS(5),
  /** Self-checks and tests. */
  TEST(0xFFFF);

  /** The 16-bit id that goes into counter word 3. */
  public final int id;

  Stream(int id) {
    this.id = id;
  }
}
