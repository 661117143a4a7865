package org.sgdmc.models;

import org.sgdmc.theory.MinL1Interpolant;

/**
 * {@link GrokDiag} with a dataset of its own for every trajectory ({@code --dataset per-trajectory}): trajectory i
 * runs {@link #at at(i)}, the network on {@code datasets.of(i)}.
 *
 * <p>Two things differ from the fixed path, because the minimum-l1 interpolant is a linear program per dataset
 * (some 7 ms with commons-math3's simplex at d = 40, n = 20: more than simulating the trajectory): t2's level is
 * {@code testExcess} above the teacher ({@code |beta - beta*|^2 / 2 <= delta}), not above the interpolant's test loss
 * (the same level wherever the interpolant recovers the sparse teacher, as it does at the defaults); and the
 * observed distance to the interpolant is computed for the first {@code targeted} trajectories only, whose {@link
 * #at} solves the program (the others' target is the teacher, and a run reads that channel for the first ones
 * only).
 *
 * @param datasets how each trajectory's dataset is drawn ({@code perTrajectory} true; sparse or Fourier)
 * @param eta step size
 * @param lambda weight decay
 * @param alpha initialisation scale
 * @param batch S
 * @param sampling how a minibatch is drawn
 * @param trainThreshold t1's level of the training loss
 * @param testExcess delta: t2's level of {@code |beta - beta*|^2 / 2}
 * @param targeted how many trajectories (the first ones) get their minimum-l1 interpolant
 */
public record GrokDiagDatasets(GrokDatasets datasets, double eta, double lambda, double alpha, int batch,
    Sampling sampling, double trainThreshold, double testExcess, int targeted) {
  /** The default of {@link #targeted}. */
  public static final int TARGETED = 64;

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokDiagDatasets(GrokDatasets datasets, double eta, double lambda, double alpha, int batch,
      boolean withReplacement, double trainThreshold, double testExcess, int targeted) {
    this(datasets, eta, lambda, alpha, batch, Sampling.of(withReplacement), trainThreshold, testExcess, targeted);
  }

  public GrokDiagDatasets {
    if (!datasets.perTrajectory()) {
      throw new IllegalArgumentException("GrokDiagDatasets draws a dataset per trajectory; a fixed dataset is a "
          + "GrokDiag");
    }
    if (targeted < 0) {
      throw new IllegalArgumentException("the number of targeted trajectories must be >= 0, not " + targeted);
    }
    GrokData any = datasets.fixed(); // every other check, once (the sizes are the same for all)
    new GrokDiag(any, eta, lambda, alpha, batch, sampling, trainThreshold, testExcess, any.betaStar());
  }

  /** Whether trajectory i's target is its minimum-l1 interpolant (else its teacher). */
  public boolean targets(long i) {
    return i >= 0 && i < targeted;
  }

  /** Trajectory i's model: its own dataset; its own minimum-l1 interpolant as target when {@link #targets}. */
  public GrokDiag at(long i) {
    GrokData data = datasets.of(i);
    double[] target = targets(i) ? MinL1Interpolant.of(data).beta() : data.betaStar();
    return new GrokDiag(data, eta, lambda, alpha, batch, sampling, trainThreshold, testExcess, target);
  }

  public int dim() {
    return datasets.d();
  }

  /** As {@link GrokDiag#fullBatch()}: S = n without replacement. */
  public boolean fullBatch() {
    return batch == datasets.n() && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }
}
