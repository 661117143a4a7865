package org.sgdmc.theory;

import java.util.function.DoubleUnaryOperator;
import org.sgdmc.models.TwoBasin;

/**
 * Escape from one basin of a {@link TwoBasin} landscape under the SDE {@code d theta = -grad U dt + sqrt(2 D) dW},
 * {@code D = lr Sigma(theta) / (2B)}, {@code Sigma = sa^2 I + sb^2 theta theta^T}, and under
 * {@code d theta = -grad U dt + epsilon dL}, L two independent standard symmetric alpha-stable processes. Times are in
 * SDE time, t = steps x lr.
 *
 * <p><b>Eyring-Kramers (2-D).</b> For isotropic constant noise (sb = 0: D = eps I, eps = lr sa^2 / (2B)) the mean
 * time from the minimum m to the other minimum, through the saddle s = (0, 0) with Hessians
 * {@code H_m = diag(f''(m), c(m))}, {@code H_s = diag(-kappa, c(0))}, is (Bovier, Eckhoff, Gayrard, Klein 2004)
 * <pre>
 *   T ~ (2 pi / kappa) sqrt(|det H_s| / det H_m) exp(depth / eps),
 * </pre>
 * relative error O(eps ln eps^-1). With sb > 0 the noise depends on theta and is anisotropic, the process is not
 * reversible, and no theorem applies; {@link #eyringKramers} then does what the 1-D code does
 * ({@link EscapeTheory#kramers}) along the axis y = 0, where D is diagonal: the quasi-potential barrier
 * {@code int_m^0 f'/D_xx} in place of {@code depth/eps}, the factor {@code sqrt(D_xx(0)/D_xx(m))}, and the y direction
 * entering only through {@code sqrt(c(0)/c(m))} (D_yy is constant along the axis and cancels). This is a heuristic:
 * it assumes the exit path is the axis and y in local equilibrium across it.
 *
 * <p><b>The reduced 1-D passage time.</b> Averaging y out in its local equilibrium
 * {@code y ~ N(0, D_yy / c(x))} gives x the drift {@code -(f'(x) + D_yy c'(x) / (2 c(x)))} and diffusion D_xx(x); its
 * exact mean first passage time ({@link EscapeTheory#exactMeanExitTime(DoubleUnaryOperator, DoubleUnaryOperator,
 * double, double, double, int)}, reflecting at the outer exit) is {@link #reducedMeanExitTime}. For rho = 0 and
 * sb = 0 x does not feel y at all and it is the exact mean exit time (the y exit is out of the Gaussian's reach);
 * otherwise it keeps the O(eps) corrections that Eyring-Kramers drops, under the adiabatic assumption.
 *
 * <p><b>Stable noise (Imkeller-Pavlyukevich).</b> For small epsilon the exit is one jump out of the basin-with-exits;
 * the basin of attraction is exactly the half-plane on the minimum's side (x = 0 is invariant, since c'(0) = 0), cut
 * by the outer exits. The coordinatewise noise jumps along the axes only, its Levy measure
 * {@code alpha K |z|^(-1-alpha)} on each axis ({@link EscapeTheory#stableTailConstant}), so the rate of leaving is
 * {@code epsilon^alpha K (width^-alpha + width^-alpha + 2 yExit^-alpha)}: across the saddle, out past the outer exit
 * (one width beyond the minimum), up or down. The mean exit time, its inverse, depends on the basin's width and not
 * on its depth: a wide shallow basin is left more slowly than a narrow deep one, the reverse of the Gaussian order.
 * (Isotropic stable noise would change only the constant: the x-projection of an isotropic 2-D S alpha S vector is
 * a 1-D S alpha S of another scale, and the half-plane exits depend on it alone; the y exits are then a different
 * slice of the same measure.)
 */
public final class TwoBasinTheory {
  private TwoBasinTheory() {}

  /** Eyring-Kramers with the quasi-potential along the axis (exact asymptotics for sb = 0; see the class comment). */
  public static double eyringKramers(TwoBasin m) {
    double xm = m.start();
    double pre = 2 * Math.PI / m.kappa() * Math.sqrt(m.kappa() * m.c(0.0) / (m.fSecond(xm) * m.c(xm)));
    return pre * Math.sqrt(m.diffusionX(0.0) / m.diffusionX(xm)) * Math.exp(quasiPotentialBarrier(m));
  }

  /** {@code int_m^0 f'(x) / D_xx(x) dx} (Simpson's rule): {@code depth / eps} when sb = 0. */
  public static double quasiPotentialBarrier(TwoBasin m) {
    double lo = m.start();
    int n = 20_000;
    double h = (0.0 - lo) / n;
    double s = ratio(m, lo) + ratio(m, 0.0);
    for (int i = 1; i < n; i++) {
      s += ratio(m, lo + i * h) * (i % 2 == 1 ? 4 : 2);
    }
    return s * h / 3;
  }

  private static double ratio(TwoBasin m, double x) {
    return m.fPrime(x) / m.diffusionX(x);
  }

  /** The reduced 1-D mean passage time (see the class comment), on {@link EscapeTheory#NODES} nodes. */
  public static double reducedMeanExitTime(TwoBasin m) {
    double dyy = m.diffusionY();
    double cyr = m.cy() * m.rho();
    DoubleUnaryOperator drift = x -> m.fPrime(x) + dyy * cyr * x / m.c(x);
    if (!m.right()) {
      return EscapeTheory.exactMeanExitTime(drift, m::diffusionX, m.exitLow(), m.start(), m.exitHigh(),
          EscapeTheory.NODES);
    }
    // mirror x -> -x so that the reflecting end is on the left
    return EscapeTheory.exactMeanExitTime(u -> -drift.applyAsDouble(-u), u -> m.diffusionX(-u), -m.exitHigh(),
        -m.start(), -m.exitLow(), EscapeTheory.NODES);
  }

  /** Imkeller-Pavlyukevich's mean exit time for the model's alpha and scale (see the class comment). */
  public static double stableMeanExitTime(TwoBasin m) {
    double a = m.alpha();
    double w = Math.pow(m.width(), -a);
    double rate = Math.pow(m.stableScale(), a) * EscapeTheory.stableTailConstant(a)
        * (2 * w + 2 * Math.pow(m.yExit(), -a));
    return 1 / rate;
  }
}
