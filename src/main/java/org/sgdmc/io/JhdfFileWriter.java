package org.sgdmc.io;

import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Drives jhdf's node writers directly instead of through {@code HdfFile.write(Path)}, to avoid a bug in jhdf
 * 0.13.0 that corrupts files.
 *
 * <p>The bug: {@code WritableHdfFile} writes the tree, then appends a provenance string ("jHDF - 0.13.0 - ...")
 * with a <em>relative</em> write at the channel's current position. Only dataset data moves that position;
 * group headers are written at absolute positions. So whenever the last object in jhdf's write order is a group
 * with no dataset below it (a group holding only attributes, for example), the string lands on top of that
 * group's header and h5py and h5dump can no longer open the file. jhdf itself reads such files without
 * complaint. Which object comes last depends on the hash order of the names, so the failure looks random.
 *
 * <p>This class does what {@code WritableHdfFile} does (same superblock, same root group address, same node
 * writers) minus that string and its {@code _jHDF} root attribute. It uses jhdf classes that are public but
 * outside {@code io.jhdf.api}, so a jhdf upgrade must be checked against the h5py and h5dump tests.
 */
final class JhdfFileWriter {

  /** Where jhdf places the root group's object header, right after the 48-byte version 2 superblock. */
  private static final long ROOT_GROUP_ADDRESS = 64;

  private JhdfFileWriter() {}

  /** What a write puts into the root group; string attributes go to {@code heap} (see {@link VariableLengthStrings}). */
  interface Tree {
    void build(WritableGroup root, VariableLengthStrings.Heap heap);
  }

  /**
   * Writes the tree that {@code build} puts into the root group to {@code file} (which must exist, empty or not)
   * and forces it to disk. The strings' heap collection goes after the tree, and the attributes must hold its
   * address while the tree is written, so the tree is first written to a channel that only counts bytes: the
   * real write lays out the same objects at the same addresses (a heap reference has the same size whatever
   * address it holds), which is checked.
   */
  static void write(Path file, Tree build) throws IOException {
    long treeEnd;
    try (CountingChannel dry = new CountingChannel()) {
      writeTree(dry, 0, build);
      treeEnd = align8(dry.size());
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
      VariableLengthStrings.Heap heap = writeTree(channel, treeEnd, build);
      if (align8(channel.size()) != treeEnd) {
        throw new IllegalStateException("the tree took " + channel.size() + " bytes, its dry run " + treeEnd);
      }
      long end = treeEnd;
      HdfFileChannel hdf = new HdfFileChannel(channel, new Superblock.SuperblockV2V3());
      if (!heap.isEmpty()) {
        ByteBuffer collection = heap.toBuffer();
        end += collection.remaining();
        hdf.write(collection, treeEnd);
      }
      // The superblock goes last: it records the end-of-file address, known only now.
      hdf.write(new Superblock.SuperblockV2V3().toBuffer(end), 0);
      channel.force(true);
    }
  }

  /** Writes the tree, its strings' heap at {@code heapAddress}; returns the heap (not yet written). */
  private static VariableLengthStrings.Heap writeTree(FileChannel channel, long heapAddress, Tree build) {
    Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
    HdfFileChannel hdf = new HdfFileChannel(channel, superblock);
    WritableGroupImpl root = new WritableGroupImpl(null, "/");
    VariableLengthStrings.Heap heap = new VariableLengthStrings.Heap(heapAddress);
    build.build(root, heap);
    root.write(hdf, ROOT_GROUP_ADDRESS);
    return heap;
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }

  /** A channel that keeps nothing and remembers how far writes reached: the dry run's file. */
  private static final class CountingChannel extends FileChannel {
    private long position;
    private long size;

    @Override
    public int write(ByteBuffer src) {
      int n = write(src, position);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src, long at) {
      int n = src.remaining();
      src.position(src.limit());
      size = Math.max(size, at + n);
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public FileChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int read(ByteBuffer dst) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public int read(ByteBuffer dst, long at) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public FileChannel truncate(long newSize) {
      size = Math.min(size, newSize);
      return this;
    }

    @Override
    public void force(boolean metaData) {}

    @Override
    public long transferTo(long at, long count, java.nio.channels.WritableByteChannel target) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public long transferFrom(java.nio.channels.ReadableByteChannel src, long at, long count) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long at, long length) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public java.nio.channels.FileLock lock(long at, long length, boolean shared) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    public java.nio.channels.FileLock tryLock(long at, long length, boolean shared) {
      throw new UnsupportedOperationException("a dry run writes only");
    }

    @Override
    protected void implCloseChannel() {}
  }
}
