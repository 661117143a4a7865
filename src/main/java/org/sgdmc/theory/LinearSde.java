package org.sgdmc.theory;

/**
 * Seed 004's SDE for 1-D linear regression off interpolation, in closed form. With u = w - w_LS the per-sample
 * gradient variance is {@code Sigma(u) = A u^2 - 2 Bc u + C} (A = Var x^2, Bc = E[x^3 e], C = E[x^2 e^2]; Bc = 0
 * for symmetric data) and the full-batch gradient {@code m2 u}, so the SDE is linear with multiplicative noise:
 *
 * <pre>  du = -m2 u dt + sqrt(eta f Sigma(u)) dW,   D(u) = eta f Sigma(u) / 2.</pre>
 *
 * <b>Its own tail index</b> (derived here, not Kesten's and not from a small-eta expansion): the zero-flux law
 * {@code p ~ D^-1 exp(-int m2 u / D du)}; for |u| large {@code m2 u / D ~ 2 m2 / (eta f A u)}, so
 * {@code p ~ |u|^(-2 - 2 m2 / (eta f A))} and {@code P(|u| > s) ~ s^-alpha} with
 *
 * <pre>  alpha_SDE = 1 + 2 m2 / (eta f A)     (Gaussian stream, S = B: 1 + B / eta).</pre>
 *
 * (With Bc = 0 exactly: {@code p ~ (A u^2 + C)^(-1 - m2/(eta f A))}.) Kesten's index of SGD itself solves
 * {@code E|1 - eta q|^alpha = 1}, and no small-eta expansion joins the two: alpha grows like 1/eta for both, but
 * SGD's is set by rare batches with |1 - eta q| > 1 (q > 2/eta), a large deviation the SDE's Gaussian noise lacks
 * (Gaussian data, B = 1: Kesten 2.30, 5.31 and 17.3 against the SDE's 2.67, 4.33 and 11 at eta = 0.6, 0.3, 0.1). The
 * Euler-Maruyama recursion at {@code dt = eta/l} has its own Kesten index
 * ({@code E|1 - h m2 + sqrt(h eta f A) xi|^alpha = 1}, h = eta/l), which tends to alpha_SDE as l grows, the gap
 * shrinking like h.
 *
 * <p>Second moments (Bc = 0), where finite: the SDE's {@code eta f C / (2 m2 - eta f A)}; Euler-Maruyama at dt = h
 * {@code eta f C / (2 m2 - h m2^2 - eta f A)}, which at h = eta is SGD's own (the scheme matches SGD's first two
 * conditional moments), and differs from the SDE's by O(h): the scheme's weak order 1.
 */
public final class LinearSde {
  private LinearSde() {}

  /** {@code alpha_SDE = 1 + 2 m2 / (eta f A)}. */
  public static double tailIndex(double m2, double lrTimesFactor, double squareVariance) {
    return 1 + 2 * m2 / (lrTimesFactor * squareVariance);
  }

  /** The SDE's stationary E[u^2] (Bc = 0), +inf where it does not exist. */
  public static double secondMoment(double m2, double lrTimesFactor, double squareVariance, double c) {
    double den = 2 * m2 - lrTimesFactor * squareVariance;
    return den > 0 ? lrTimesFactor * c / den : Double.POSITIVE_INFINITY;
  }

  /** Euler-Maruyama's stationary E[u^2] at dt = h (Bc = 0), +inf where it does not exist. */
  public static double eulerSecondMoment(double m2, double lr, double factor, double squareVariance, double c,
      double h) {
    double den = 2 * m2 - h * m2 * m2 - lr * factor * squareVariance;
    return den > 0 ? lr * factor * c / den : Double.POSITIVE_INFINITY;
  }
}
