package org.sgdmc.io;

import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

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

  /**
   * Writes the tree that {@code build} puts into the root group to {@code file} (which must exist, empty or not)
   * and forces it to disk.
   */
  static void write(Path file, Consumer<WritableGroup> build) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
      Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
      HdfFileChannel hdf = new HdfFileChannel(channel, superblock);
      WritableGroupImpl root = new WritableGroupImpl(null, "/");
      build.accept(root);
      root.write(hdf, ROOT_GROUP_ADDRESS);
      // The superblock goes last: it records the end-of-file address, known only now.
      hdf.write(superblock.toBuffer(channel.size()), 0);
      channel.force(true);
    }
  }
}
