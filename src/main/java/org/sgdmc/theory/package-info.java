/**
 * Exact theory for the models the Monte Carlo core simulates, to hold simulations against.
 *
 * <p>So far: {@link org.sgdmc.theory.Linreg1dTheory}, the one-dimensional interpolating linear regression
 * of seed 002 (the probabilistic stability of SGD), with the Lyapunov exponent {@code E log|1 - lr q|} for
 * Gaussian and finite data, the learning-rate edges where it changes sign, the exact stable set of a
 * finite dataset, and the moment thresholds (GD, mean square, stationary) it is compared with; and {@link
 * org.sgdmc.theory.SaddleTheory}, the rank-0 saddle of seed 002 Sec. 4.2, whose two exponents {@code E log|1
 * +- lr chib|} reduce for Gaussian data to a quadrature of the closed form {@link
 * org.sgdmc.theory.NormalLogAbs} ({@code E log|c + d Z|}); and {@link org.sgdmc.theory.TailIndexTheory}, the
 * Kesten-Goldie tail index alpha ({@code E|a|^alpha = 1}) of SGD off interpolation, where the iterate is a random
 * affine recursion: 1-D linear regression with Gaussian or finite data, the Gaussian-noise SDE, and d-dimensional
 * linear regression (exact for isotropic Gaussian data, population dynamics otherwise).
 *
 * <p>Design notes.
 *
 * <ol>
 *   <li>Every number comes with a way to check it: each quadrature has an independent twin ({@link
 *       org.sgdmc.theory.Quadrature}: tanh-sinh and adaptive Gauss-Legendre), closed forms are used where
 *       they exist (S = 1: Dawson's function; S = 2: the exponential integral), and Monte Carlo answers
 *       carry a standard error.
 *   <li>Exact where the problem is finite: a finite dataset's Lyapunov exponent is a finite sum over batch
 *       contents ({@link org.sgdmc.theory.BatchMeanLaw}), so it is summed, not sampled, up to a size limit.
 *   <li>Pure Java, no dependencies: the special functions needed (log Gamma) are a page of code, and the
 *       quadrature nodes are computed, not tabulated.
 *   <li>Trade-off: accuracy first, then speed. One Lyapunov exponent for Gaussian data costs about 2,000
 *       density evaluations (under a millisecond); root finding is plain bisection, which is slower than
 *       Brent's method but cannot fail on a bracketed sign change.
 * </ol>
 */
package org.sgdmc.theory;
