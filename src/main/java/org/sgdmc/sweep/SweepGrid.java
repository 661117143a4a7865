package org.sgdmc.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a sweep: one or two axes over a family's parameters, the other parameters fixed. Cells are
 * numbered row-major: cell {@code i * size1 + j} has axis 0 at value i and axis 1 at value j.
 */
public record SweepGrid(SweepFamily family, Map<String, Double> fixed, List<Axis> axes) {

  public SweepGrid {
    if (axes.isEmpty() || axes.size() > 2) {
      throw new IllegalArgumentException("a sweep needs one or two axes, not " + axes.size());
    }
    for (Axis a : axes) {
      if (!family.parameters().contains(a.name())) {
        throw new IllegalArgumentException("unknown axis '" + a.name() + "' for " + family.model()
            + " (parameters: " + String.join(", ", family.parameters()) + ")");
      }
    }
    if (axes.size() == 2 && axes.get(0).name().equals(axes.get(1).name())) {
      throw new IllegalArgumentException("the two axes must be different parameters");
    }
    fixed = new LinkedHashMap<>(fixed);
    axes = List.copyOf(axes);
  }

  /** Number of cells. */
  public int size() {
    int n = 1;
    for (Axis a : axes) {
      n = Math.multiplyExact(n, a.size());
    }
    return n;
  }

  /** Grid shape, one entry per axis. */
  public int[] shape() {
    return axes.stream().mapToInt(Axis::size).toArray();
  }

  /** The full parameter set of every cell, in cell order. */
  public List<Map<String, Double>> cells() {
    List<Map<String, Double>> cells = new ArrayList<>(size());
    int n1 = axes.size() == 2 ? axes.get(1).size() : 1;
    for (int i = 0; i < axes.get(0).size(); i++) {
      for (int j = 0; j < n1; j++) {
        Map<String, Double> p = new LinkedHashMap<>(family.defaults());
        p.putAll(fixed);
        p.put(axes.get(0).name(), axes.get(0).value(i));
        if (axes.size() == 2) {
          p.put(axes.get(1).name(), axes.get(1).value(j));
        }
        cells.add(p);
      }
    }
    return cells;
  }

  /**
   * A fingerprint of everything that determines the results (model, fixed parameters, axes, ensemble
   * size, seed, and the family's own settings in {@code extra}), for checkpoints.
   */
  public String fingerprint(long trajectories, int steps, long seed, String extra) {
    StringBuilder sb = new StringBuilder(family.model()).append('|').append(extra);
    fixed.forEach((k, v) -> sb.append('|').append(k).append('=').append(Double.doubleToRawLongBits(v)));
    for (Axis a : axes) {
      sb.append('|').append(a.name()).append(':');
      for (double v : a.values()) {
        sb.append(Double.doubleToRawLongBits(v)).append(',');
      }
    }
    sb.append('|').append(trajectories).append('|').append(steps).append('|').append(seed);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
