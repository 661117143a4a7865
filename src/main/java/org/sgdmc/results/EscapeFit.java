package org.sgdmc.results;

/**
 * A fitted escape law of {@code sde escape}: the weighted least-squares slope of ln(mean exit time) against the
 * barrier height (Kramers: the inverse temperature) or against ln(width) (stable noise: alpha), over the cells that
 * share the other parameters. Weights 1 / Var(ln T) from the standard errors; the interval is slope +- 1.96 se.
 *
 * @param variable "height" or "log width"
 * @param lr learning rate of the cells
 * @param batch their batch size
 * @param fixed the width (variable height) or the height (variable log width) of the cells
 * @param model the model fitted ("sgd", "em l=1", ..., or a theory: then the interval is the slope itself)
 * @param slope the fitted slope
 * @param low lower end of its 95% interval
 * @param high upper end
 * @param points cells in the fit
 */
public record EscapeFit(String variable, double lr, int batch, double fixed, String model, double slope, double low,
    double high, int points) {

  /** The weighted least-squares slope of y on x with standard errors se (0 or NaN: weight 1, exact). */
  public static double[] slope(double[] x, double[] y, double[] se) {
    int n = x.length;
    double sw = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      double w = se[i] > 0 ? 1 / (se[i] * se[i]) : 1;
      sw += w;
      sx += w * x[i];
      sy += w * y[i];
    }
    double mx = sx / sw;
    double my = sy / sw;
    double sxx = 0;
    double sxy = 0;
    boolean exact = true;
    for (int i = 0; i < n; i++) {
      double w = se[i] > 0 ? 1 / (se[i] * se[i]) : 1;
      exact &= !(se[i] > 0);
      sxx += w * (x[i] - mx) * (x[i] - mx);
      sxy += w * (x[i] - mx) * (y[i] - my);
    }
    double b = sxy / sxx;
    double sb = exact ? 0 : Math.sqrt(1 / sxx);
    return new double[] {b, sb};
  }
}
