package org.sgdmc.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;

/**
 * Exact theory of the linear two-timescale teacher-student model ({@link TwoTimescale.Coupling#LINEAR}) in the
 * trained coordinates z = (x, y), whose features are {@code phi_i = (p_i, eps q_i)}: with {@code H = Phi^T Phi / n =
 * V diag(mu) V^T} (commons-math3), {@code b = Phi^T l / n} and the least-squares fit {@code zhat = H^-1 b}, full-batch
 * GD is the linear recursion {@code z_k - zhat = (I - a H)^k (z_0 - zhat)} and gradient flow at time {@code t = a k}
 * is {@code z(t) - zhat = exp(-t H) (z_0 - zhat)}. The eigenvalues of H come in two groups, of order 1 (fast) and of
 * order eps^2 (slow): the two time scales, {@code 1/(a mu_fast)} and {@code 1/(a mu_slow) ~ 1/(a eps^2)} steps.
 *
 * <p>The test loss is {@code (e^T D e) / 2}, {@code e = z - z*}, {@code D = diag(1 (fast), eps^2 (slow))},
 * {@code z* = (x*, u* / eps)}. Over the ensemble {@code z_0 ~ N(0, C_0)} (C_0 diagonal), with {@code A = V diag(f) V^T}
 * ({@code f_j = (1 - a mu_j)^k} for GD, {@code e^(-mu_j t)} for the flow), {@code e = A z_0 + (I - A) zhat - z*}
 * has mean {@code m = (I - A) zhat - z*} and
 *
 * <pre>  E L = (m^T D m + sum_ij D_i A_ij^2 C0_j) / 2.  </pre>
 *
 * Epoch-wise double descent: the fast block first fits the labels with the slow signal still unexplained (so its
 * noise is {@code noise^2 + |u*|^2}), overfitting on its slowest fast directions (the ascent); the slow directions,
 * learnt at rate {@code a eps^2 mu}, then remove that part (the terminal descent).
 */
public final class TwoTimescaleTheory {
  private final TwoTimescale model;
  private final int d;
  private final int df;
  private final double[] mu;
  private final double[][] v; // v[j] = eigenvector j
  private final double[] zhat;
  private final double[] zStar;
  private final double[] dWeight;
  private final double[] c0;

  public TwoTimescaleTheory(TwoTimescale model) {
    if (model.coupling() != TwoTimescale.Coupling.LINEAR) {
      throw new IllegalArgumentException("the closed form holds for the linear coupling only");
    }
    this.model = model;
    TwoTimescaleData data = model.data();
    int n = data.n();
    this.df = data.dFast();
    int ds = data.dSlow();
    this.d = df + ds;
    double eps = model.eps();
    double[] p = data.p(), q = data.q(), l = data.labels();
    double[][] h = new double[d][d];
    double[] b = new double[d];
    double[] phi = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < df; c++) {
        phi[c] = p[i * df + c];
      }
      for (int k = 0; k < ds; k++) {
        phi[df + k] = eps * q[i * ds + k];
      }
      for (int c = 0; c < d; c++) {
        b[c] += phi[c] * l[i] / n;
        for (int e = 0; e < d; e++) {
          h[c][e] += phi[c] * phi[e] / n;
        }
      }
    }
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(h, false));
    this.mu = eig.getRealEigenvalues();
    RealMatrix vm = eig.getV();
    this.v = new double[d][];
    for (int j = 0; j < d; j++) {
      v[j] = vm.getColumn(j);
    }
    this.zhat = new double[d];
    for (int j = 0; j < d; j++) {
      double cj = dot(v[j], b) / mu[j];
      for (int c = 0; c < d; c++) {
        zhat[c] += cj * v[j][c];
      }
    }
    this.zStar = new double[d];
    this.dWeight = new double[d];
    this.c0 = new double[d];
    double[] xs = data.xStar(), us = data.uStar();
    double sx = model.xInitScale(), sy = model.yInitScale();
    for (int c = 0; c < df; c++) {
      zStar[c] = xs[c];
      dWeight[c] = 1;
      c0[c] = sx * sx;
    }
    for (int k = 0; k < ds; k++) {
      zStar[df + k] = us[k] / eps;
      dWeight[df + k] = eps * eps;
      c0[df + k] = sy * sy;
    }
  }

  public TwoTimescale model() {
    return model;
  }

  /** The eigenvalues of H, ascending. */
  public double[] eigenvalues() {
    double[] s = mu.clone();
    java.util.Arrays.sort(s);
    return s;
  }

  /** Whether full-batch GD is stable: {@code a mu_max < 2}. */
  public boolean stable() {
    double[] s = eigenvalues();
    return model.a() * s[s.length - 1] < 2;
  }

  /** The least-squares fit's test loss: where GD and the flow end. */
  public double endpointTestLoss() {
    double s = 0;
    for (int c = 0; c < d; c++) {
      double e = zhat[c] - zStar[c];
      s += dWeight[c] * e * e;
    }
    return 0.5 * s;
  }

  /** The ensemble's mean test loss after k steps of full-batch GD, exactly. */
  public double gdMeanTestLoss(long k) {
    double[] f = new double[d];
    for (int j = 0; j < d; j++) {
      f[j] = Math.pow(1 - model.a() * mu[j], k);
    }
    return meanTestLoss(f);
  }

  /** The ensemble's mean test loss under gradient flow at time {@code t} (in units of a step a: t = a k). */
  public double flowMeanTestLoss(double t) {
    double[] f = new double[d];
    for (int j = 0; j < d; j++) {
      f[j] = Math.exp(-mu[j] * t);
    }
    return meanTestLoss(f);
  }

  private double meanTestLoss(double[] f) {
    double[][] a = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < d; c++) {
        double w = f[j] * v[j][c];
        for (int e = 0; e < d; e++) {
          a[c][e] += w * v[j][e];
        }
      }
    }
    double s = 0;
    for (int c = 0; c < d; c++) {
      double m = zhat[c] - zStar[c];
      for (int e = 0; e < d; e++) {
        m -= a[c][e] * zhat[e];
      }
      double spread = 0;
      for (int e = 0; e < d; e++) {
        spread += a[c][e] * a[c][e] * c0[e];
      }
      s += dWeight[c] * (m * m + spread);
    }
    return 0.5 * s;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
