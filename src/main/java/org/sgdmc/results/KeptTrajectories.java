package org.sgdmc.results;

/**
 * Every trajectory's observables at every recording time, kept when the user asks for them ({@code
 * --keep-trajectories}): {@code values[k][r][i]} is observable {@code names[k]} of trajectory i at recording
 * time r. The streamed summaries need none of this; with it, quantiles are exact order statistics and the
 * file holds the values themselves.
 */
public record KeptTrajectories(String[] names, double[][][] values) {
  public KeptTrajectories {
    if (names.length != values.length) {
      throw new IllegalArgumentException(names.length + " names for " + values.length + " observables");
    }
  }
}
