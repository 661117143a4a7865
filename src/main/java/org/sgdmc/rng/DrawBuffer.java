package org.sgdmc.rng;

/**
 * {@link Draws} without allocation: the same draws by the same arithmetic (so the same bits), through Philox
 * counter, key and output words this object owns. For code that must not allocate once warm but draws a few
 * numbers by their coordinates, such as a vector kernel drawing its lanes' datasets at the start of a block
 * (FastPathTest). Not thread-safe: one per block.
 */
public final class DrawBuffer {
  private final int[] ctr = new int[4];
  private final int[] key = new int[2];
  private final int[] out = new int[4];

  /** {@link Draws#bits(long, Stream, long, long)}. */
  public long bits(long seed, Stream stream, long traj, long k) {
    StreamLayout.counter(traj, stream.id, k >>> 1, ctr);
    StreamLayout.key(seed, key);
    Philox4x32.block(ctr, key, out);
    int w = (int) (k & 1) * 2;
    return StreamLayout.join(out[w], out[w + 1]);
  }

  /** {@link Draws#uniform}. */
  public double uniform(long seed, Stream stream, long traj, long k) {
    return Uniforms.closedOpen(bits(seed, stream, traj, k));
  }

  /** {@link Draws#normal}. */
  public double normal(long seed, Stream stream, long traj, long k) {
    long block = k >>> 1;
    double u1 = Uniforms.openClosed(bits(seed, stream, traj, 2 * block));
    double u2 = Uniforms.closedOpen(bits(seed, stream, traj, 2 * block + 1));
    double radius = Math.sqrt(-2.0 * Transcendentals.log(u1));
    return radius * ((k & 1) == 0 ? Transcendentals.cos2pi(u2) : Transcendentals.sin2pi(u2));
  }
}
