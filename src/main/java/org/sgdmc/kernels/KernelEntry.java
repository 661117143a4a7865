package org.sgdmc.kernels;

import java.util.Objects;

/**
 * One kernel configuration of {@link KernelRegistry}: a small example model and the two ways to run it, the
 * vector kernel and its scalar twin, behind {@link ObservedBlock}.
 *
 * @param name a stable identifier (the golden values are keyed by it)
 * @param model the example model (a record with a readable {@code toString})
 * @param values observables or channels per trajectory
 * @param vector the vector kernel, built directly: only for JVMs known to run it (tests, probes)
 * @param scalar the scalar twin
 */
public record KernelEntry(String name, Object model, int values, Factory vector, Factory scalar) {

  /** {@code (seed, width) -> block}. */
  @FunctionalInterface
  public interface Factory {
    ObservedBlock create(long seed, int width);
  }

  public KernelEntry {
    Objects.requireNonNull(name);
    Objects.requireNonNull(model);
  }

  /** An entry for a model whose blocks are {@link TrajectoryBlock}s. */
  static <M> KernelEntry trajectories(String name, M model, int observables, Twins<M, ? extends TrajectoryBlock> twins) {
    return new KernelEntry(name, model, observables,
        (seed, width) -> ObservedBlock.of(twins.vector().create(model, seed, width)),
        (seed, width) -> ObservedBlock.of(twins.scalar().create(model, seed, width)));
  }

  /** An entry for a model whose blocks are {@link StateBlock}s. */
  static <M> KernelEntry states(String name, M model, int channels, Twins<M, ? extends StateBlock> twins) {
    return new KernelEntry(name, model, channels,
        (seed, width) -> ObservedBlock.of(twins.vector().create(model, seed, width)),
        (seed, width) -> ObservedBlock.of(twins.scalar().create(model, seed, width)));
  }

  /** A block of the kernel that can run in this JVM ({@link VectorizationProvider#effective}). */
  public ObservedBlock block(long seed, int width, Kernel kernel) {
    return VectorizationProvider.lookup().effective(kernel) == Kernel.VECTOR
        ? vector.create(seed, width)
        : scalar.create(seed, width);
  }

  @Override
  public String toString() {
    return name;
  }
}
