package org.sgdmc.stats;

/**
 * The phases of SGD near the rank-0 saddle (seed 002, Fig. 1b and Sec. 4.2), from the Lyapunov exponents
 * {@code Lambda_+} of {@code h = w + u} and {@code Lambda_-} of {@code m = w - u}. The integer codes are
 * stored in result files and never change; {@link #names()} lists the names by code.
 */
public enum SaddlePhase {
  /** An exponent is NaN or exactly 0 (a phase boundary), so no phase can be named. */
  UNDETERMINED(0, "undetermined", "no phase: an exponent is undefined or exactly 0"),
  /** Correct learning: m -> 0 in probability, h escapes ({@code Lambda_- < 0 < Lambda_+}). */
  I(1, "I", "correct learning: w - u -> 0 in probability, w + u escapes"),
  /** Phase I where m -> 0 also in mean square ({@code E[(1 - lr chib)^2] < 1}). */
  IB(2, "Ib", "correct learning, and w - u -> 0 in mean square too"),
  /** Incorrect learning: h -> 0, m escapes ({@code Lambda_+ < 0 < Lambda_-}). */
  II(3, "II", "incorrect learning: w + u -> 0 in probability, w - u escapes"),
  /** Convergence to the low-rank saddle: both exponents negative. */
  III(4, "III", "the saddle: w and u -> 0 in probability (low rank)"),
  /** Complete instability: both exponents positive. */
  IV(5, "IV", "complete instability: w + u and w - u both escape");

  /** The stable integer code (0 undetermined, then I, Ib, II, III, IV as 1..5). */
  public final int code;
  /** The name as the seed writes it. */
  public final String label;
  /** One line on what the phase means. */
  public final String description;

  SaddlePhase(int code, String label, String description) {
    this.code = code;
    this.label = label;
    this.description = description;
  }

  /** The phase with this code. */
  public static SaddlePhase ofCode(int code) {
    for (SaddlePhase p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new IllegalArgumentException("no saddle phase has code " + code);
  }

  /** Labels indexed by code: {@code names()[p.code] == p.label}. */
  public static String[] names() {
    SaddlePhase[] all = values();
    String[] names = new String[all.length];
    for (SaddlePhase p : all) {
      names[p.code] = p.label;
    }
    return names;
  }
}
