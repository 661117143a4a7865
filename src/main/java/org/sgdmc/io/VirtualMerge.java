package org.sgdmc.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sgdmc merge --virtual}: which datasets of the merged file are HDF5 virtual datasets over the shard
 * files instead of copies. Bound around the merge's rerun of the command ({@link #call}); a {@link ResultFile}
 * written meanwhile turns {@link ResultFile#rows} of a mapped path into a virtual dataset whose column block
 * {@code [first, first + count)} is the dataset at the same path in that shard's file, named relative to the
 * merged file's directory (so the merged file and its shards can move together). The reductions (summaries,
 * exponents) are computed and stored as in any merge; only the per-trajectory values stay in the shards.
 */
public final class VirtualMerge {
  private static final ScopedValue<VirtualMerge> CURRENT = ScopedValue.newInstance();

  /** A shard file whose dataset at the mapped path holds columns {@code [first, first + count)} of the merged one. */
  public record Source(Path file, long first, long count) {}

  private final Map<String, List<Source>> sources = new LinkedHashMap<>();

  /** Maps each of {@code paths} to the same dataset in each of {@code shards}, given in column order. */
  public VirtualMerge(List<String> paths, List<Source> shards) {
    long next = 0;
    for (Source s : shards) {
      if (s.first() != next || s.count() <= 0) {
        throw new IllegalArgumentException("shard blocks must tile the columns in order: " + s + " after " + next);
      }
      next += s.count();
    }
    for (String p : paths) {
      sources.put(p, List.copyOf(shards));
    }
  }

  /** Runs {@code job} with this mapping bound. */
  public <T> T call(Callable<T> job) throws Exception {
    return ScopedValue.where(CURRENT, this).call(job::call);
  }

  /** The mapping bound by the enclosing {@link #call}, or null. */
  static VirtualMerge current() {
    return CURRENT.isBound() ? CURRENT.get() : null;
  }

  /** The shards that {@code path} maps, in column order; null where it is not mapped. */
  List<Source> sources(String path) {
    return sources.get(path);
  }

  /**
   * Why this process cannot write virtual datasets (they need the HDF5 C library, {@code H5Pset_virtual}), or
   * null when it can.
   */
  public static String unavailableReason() {
    return NativeHdf5.load().isPresent() ? null : NativeHdf5.unavailableReason();
  }
}
