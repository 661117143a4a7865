package org.sgdmc.models;

import java.util.Locale;

/**
 * Which gradient noise drives an off-interpolation SGD model, so users can ask which noise reproduces SGD's
 * stationary law (seed 004's question). Every model keeps the full-batch drift {@code -lr grad L(w)}; they
 * differ in what is added to it.
 */
public enum NoiseModel {
  /** True SGD: the minibatch gradient, whose noise is multiplicative (it scales with the distance to w_LS). */
  MINIBATCH("minibatch"),
  /**
   * The SDE picture, discretised by Euler-Maruyama with dt = lr: Gaussian noise whose variance is the
   * minibatch gradient's variance at the current iterate, {@code (lr^2 / S) Var_x[grad l(w; x)]}; its
   * first two moments match SGD's step by step.
   */
  GAUSSIAN("gaussian"),
  /**
   * Gaussian noise with the constant variance of the minibatch noise at the minimum (the "tempered posterior"
   * picture): a light-tailed stationary law.
   */
  GAUSSIAN_CONSTANT("gaussian-constant"),
  /**
   * Additive symmetric alpha-stable (Levy) noise {@code scale * lr^(1/alpha) * Z}, Z ~ S-alpha-S(1), the
   * Euler-Maruyama step of a Levy-driven SDE (Simsekli et al. 2019): a tail of index alpha exactly.
   */
  STABLE("stable");

  private final String label;

  NoiseModel(String label) {
    this.label = label;
  }

  /** The name used on the command line and in files. */
  public String label() {
    return label;
  }

  /** The model named {@code label}, or an error listing the names. */
  public static NoiseModel parse(String label) {
    for (NoiseModel m : values()) {
      if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown noise model '" + label + "' (expected minibatch, gaussian, gaussian-constant or stable)");
  }

  @Override
  public String toString() {
    return label;
  }
}
