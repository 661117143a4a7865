package org.sgdmc.models;

import org.sgdmc.rng.Transcendentals;

/**
 * The hidden unit of the two-parameter nets {@code f(x) = u act(w x)} of seed 002 (Fig. 1a: tanh; Sec. 4.3 and
 * Fig. 5: swish), with the first two derivatives the SGD step and the Hessian need. The value and the slope
 * are computed here exactly as the kernels' scalar twins compute them (sgdmc's own transcendentals, the same
 * IEEE operations), so the theory and the simulation agree on every bit of the landscape.
 */
public enum Activation {
  /** tanh: odd, slope 1 at 0, so the loss is symmetric under (u, w) -> (-u, -w). */
  TANH("tanh2", "u tanh(w x)"),
  /** swish(z) = z sigmoid(z) (Ramachandran et al. 2017): slope 1/2 at 0, not odd. */
  SWISH("swish2", "u swish(w x)");

  /** The model name on the command line and in files. */
  public final String modelName;
  /** The network, for tables. */
  public final String formula;

  Activation(String modelName, String formula) {
    this.modelName = modelName;
    this.formula = formula;
  }

  /** act(z). */
  public double value(double z) {
    return switch (this) {
      case TANH -> Transcendentals.tanh(z);
      case SWISH -> z * Transcendentals.sigmoid(z);
    };
  }

  /**
   * act'(z): {@code 1 - t^2} for tanh (with one rounding, fma; its absolute error is below 2^-52 even where
   * tanh saturates), {@code s + z s (1 - s)} for swish with s = sigmoid(z).
   */
  public double slope(double z) {
    return switch (this) {
      case TANH -> {
        double t = Transcendentals.tanh(z);
        yield Math.fma(-t, t, 1.0);
      }
      case SWISH -> {
        double s = Transcendentals.sigmoid(z);
        yield Math.fma(z * s, 1.0 - s, s);
      }
    };
  }

  /** act''(z): {@code -2 t (1 - t^2)} for tanh, {@code s (1 - s) (2 + z (1 - 2 s))} for swish. */
  public double curvature(double z) {
    return switch (this) {
      case TANH -> {
        double t = Transcendentals.tanh(z);
        yield -2.0 * t * Math.fma(-t, t, 1.0);
      }
      case SWISH -> {
        double s = Transcendentals.sigmoid(z);
        yield s * (1.0 - s) * (2.0 + z * (1.0 - 2.0 * s));
      }
    };
  }

  /**
   * act'(0), the c0 of seed 002, Sec. 4.2: near the origin {@code f ~ c0 u w x}, so the per-sample loss is the
   * rank-0 saddle {@code -chi u w} with {@code chi = c0 x y}. 1 for tanh, 1/2 for swish.
   */
  public double slopeAtZero() {
    return slope(0.0);
  }

  /** The activation whose {@link #modelName} is {@code name}. */
  public static Activation ofModelName(String name) {
    for (Activation a : values()) {
      if (a.modelName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no two-layer model '" + name + "' (tanh2 or swish2)");
  }
}
