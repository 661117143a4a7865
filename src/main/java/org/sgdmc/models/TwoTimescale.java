package org.sgdmc.models;

import java.util.Locale;

/**
 * Two-timescale SGD (seed 000, eqs. (2.2), (3.1), (3.3)-(3.4)): SGD with one constant step {@code a} on
 * {@code F(z) = f(x, eps y)}, z = (x, y), where f is the least-squares loss of a finite {@link TwoTimescaleData}
 * set whose prediction is {@code p . x + q . g(u)}, {@code u = eps y}:
 *
 * <pre>  f(x, u) = (1/2n) sum_i (p_i . x + q_i . g(u) - l_i)^2
 *  x_{k+1} = x_k - (a/S) sum_{i in B_k} p_i r_i                         (3.3)
 *  y_{k+1} = y_k - (a/S) sum_{i in B_k} eps g'(eps y_k) q_i r_i         (3.4), b = eps a
 *  r_i = p_i . x_k + q_i . g(eps y_k) - l_i  </pre>
 *
 * full-batch gradient descent when {@link #fullBatch()}, minibatch SGD otherwise (S points drawn afresh each step,
 * with or without replacement, or reshuffled each epoch, {@link Sampling}): the noise is SGD's own. Read against the seed: the noise of (3.1) is
 * {@code M = (M_1, eps M_u)}, with {@code M_u} the minibatch noise of {@code grad_u f}, so the seed's {@code M_2}
 * of (3.1) is of order eps, while the {@code M_2} of (3.4) (the noise that step b = eps a multiplies) is
 * {@code M_u} itself, of order 1. The coordinate the loss sees, {@code u = eps y}, moves by
 * {@code -a eps^2 g'(u) (grad_u f + M_u)} a step: step {@code a eps^2}, not {@code a eps}.
 *
 * <p>Two couplings: {@link Coupling#LINEAR} ({@code g(u) = u}: a linear teacher-student model with fast features of
 * variance 1 and slow ones of variance eps^2 in z, whose test loss shows epoch-wise double descent when the fast
 * block overfits) and {@link Coupling#QUADRATIC} ({@code g(u) = u^2} componentwise: {@code u = 0} is a saddle of
 * {@code min_x f}, so the slow descent waits on a plateau whose length grows like {@code log(1/|u_0|)/(a eps^2)}).
 *
 * <p>Start: {@code x_0 ~ N(0, initX^2/dFast I)}, {@code u_0 = eps y_0 ~ N(0, initU^2/dSlow I)}. Regimes per
 * trajectory, from the test loss L at every state against the plateau level L_p ({@link #plateauLevel()}) and the
 * band {@code [L_p/band, L_p band]}: t1 the first state with {@code L <= L_p band} (end of the first descent), t3 the
 * first after it with {@code L <= L_p / band} (terminal descent), the steps between them with {@code L > L_p band}
 * (above the band), and the ascent: the largest rise of L above its running minimum since t1, before t3, with the
 * step and the value of L where it peaks.
 *
 * @param data the dataset (it carries the coupling)
 * @param eps the scale separation, in (0, 1]
 * @param a the step size
 * @param batch S
 * @param sampling how a minibatch is drawn
 * @param initX the scale of x_0
 * @param initU the scale of u_0 = eps y_0
 * @param band the band's factor, > 1
 */
public record TwoTimescale(TwoTimescaleData data, double eps, double a, int batch, Sampling sampling,
    double initX, double initU, double band) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public TwoTimescale(TwoTimescaleData data, double eps, double a, int batch, boolean withReplacement,
      double initX, double initU, double band) {
    this(data, eps, a, batch, Sampling.of(withReplacement), initX, initU, band);
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /**
   * Whether minibatches come from a permutation per epoch ({@link Sampling#RESHUFFLE}); false at S = n, where an
   * epoch is one step over every point and reshuffling is full-batch GD ({@link #fullBatch()}).
   */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && !fullBatch();
  }

  /** How the slow coordinates enter the prediction. */
  public enum Coupling {
    /** {@code g(u) = u}: the linear teacher-student model. */
    LINEAR,
    /** {@code g(u) = u^2}, componentwise: a saddle at u = 0, hence a plateau. */
    QUADRATIC;

    /** The name on the command line and in files. */
    public String label() {
      return this == LINEAR ? "teacher-student" : "quadratic";
    }

    /** The coupling named {@code label}, or null. */
    public static Coupling of(String label) {
      for (Coupling c : values()) {
        if (c.label().equals(label.toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
      return null;
    }
  }

  public TwoTimescale {
    if (!(eps > 0 && eps <= 1)) {
      throw new IllegalArgumentException("the scale separation eps must be in (0, 1], not " + eps);
    }
    if (!(a > 0) || !Double.isFinite(a)) {
      throw new IllegalArgumentException("the step size a must be a positive finite number, not " + a);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (batch < 1 || (!sampling.withReplacement() && batch > data.n())) {
      throw new IllegalArgumentException("the batch size must be in 1.." + data.n()
          + switch (sampling) {
            case WITH_REPLACEMENT -> "";
            case WITHOUT_REPLACEMENT -> " (sampling without replacement)";
            case RESHUFFLE -> " (reshuffling)";
          } + ", not " + batch);
    }
    if (!(initX >= 0) || !Double.isFinite(initX) || !(initU >= 0) || !Double.isFinite(initU)) {
      throw new IllegalArgumentException("the initial scales must be finite numbers >= 0, not " + initX + " and "
          + initU);
    }
    if (!(band > 1) || !Double.isFinite(band)) {
      throw new IllegalArgumentException("the band factor must be a finite number > 1, not " + band);
    }
    if (data.n() <= data.dFast()) {
      throw new IllegalArgumentException("the fast block must be under-parameterised, n > dFast, so that "
          + "argmin_x f is unique; not n = " + data.n() + " <= dFast = " + data.dFast());
    }
  }

  public Coupling coupling() {
    return data.coupling();
  }

  /**
   * Full-batch gradient descent: every point, in order, at every step (S = n without replacement, or reshuffled:
   * the order of one step's sum is all an epoch's permutation could change, so it is not drawn).
   */
  public boolean fullBatch() {
    return batch == data.n() && !sampling.withReplacement();
  }

  /** {@code -a / S}, rounded once: x's gradient factor. */
  public double xFactor() {
    return -(a / batch);
  }

  /** {@code -(a eps) / S}, rounded as written: y's gradient factor (times g'(u), which is 2u for the quadratic). */
  public double yFactor() {
    return -(a * eps / batch);
  }

  /** {@code initX / sqrt(dFast)}: the standard deviation of each coordinate of x_0. */
  public double xInitScale() {
    return initX / Math.sqrt(data.dFast());
  }

  /** {@code initU / sqrt(dSlow) / eps}: the standard deviation of each coordinate of y_0. */
  public double yInitScale() {
    return initU / Math.sqrt(data.dSlow()) / eps;
  }

  /**
   * The plateau level {@code L_p = (|lambda(0) - x*|^2 + |g(u*)|^2) / 2}: the test loss at the seed's middle regime,
   * x at its fast minimiser {@code lambda(0) = argmin_x f(x, 0)} (the fast block fitted with the slow signal still
   * unexplained, so it has absorbed that signal as noise) and the slow part not learnt.
   */
  public double plateauLevel() {
    double[] c0 = data.fastMinimiser()[0];
    double[] xs = data.xStar();
    double s = 0;
    for (int c = 0; c < c0.length; c++) {
      s += (c0[c] - xs[c]) * (c0[c] - xs[c]);
    }
    for (double g : data.gStar()) {
      s += g * g;
    }
    return 0.5 * s;
  }

  /** The top of the band, {@code L_p band}: the first descent ends below it. */
  public double upperLevel() {
    return plateauLevel() * band;
  }

  /** The bottom of the band, {@code L_p / band}: the terminal descent starts below it. */
  public double lowerLevel() {
    return plateauLevel() / band;
  }

  /** The slow coordinate's step {@code a eps^2} (the seed writes b = a eps for y; u = eps y moves a eps^2). */
  public double slowStep() {
    return a * eps * eps;
  }
}
