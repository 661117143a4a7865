package org.sgdmc.io;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * String attributes as variable-length UTF-8 strings, the form h5py (3.x) returns as {@code str}; jhdf 0.13 writes
 * only fixed-length strings, which h5py returns as {@code bytes} (and a plot title then reads {@code b'...'}).
 *
 * <p>A variable-length string is stored outside the attribute: the attribute holds, per string, its length in
 * bytes and the address of a global heap collection with the index of the object there that holds the bytes
 * (HDF5 file format spec, "Global Heap" and datatype class 9). One collection per file holds every string;
 * {@link JhdfFileWriter} places it after the tree, at an address it learns from a dry run of the same write.
 * The bytes written are those of the HDF5 library as h5py drives it: datatype {@code 19 01 01 00 | size 16 | base
 * type: 8-bit unsigned integer}, collection objects with reference count 0, padded to 8 bytes, then the free
 * space as object 0, and at least 4096 bytes in all (the library's smallest collection).
 */
final class VariableLengthStrings {
  private VariableLengthStrings() {}

  /** The global heap collection being filled with strings, at a known address. */
  static final class Heap {
    /** The library's smallest collection, which it may read in one piece whatever the collection's size. */
    private static final int MIN_COLLECTION = 4096;
    private static final int OBJECT_HEADER = 16;
    private final long address;
    private final List<byte[]> objects = new ArrayList<>();
    /** Each distinct string once: jhdf encodes every attribute twice per write (to size the header, then to write). */
    private final java.util.Map<String, Integer> index = new java.util.HashMap<>();

    Heap(long address) {
      this.address = address;
    }

    /** Stores {@code s} (once) and returns its object index (1-based; 0 is the free space). */
    int add(String s) {
      return index.computeIfAbsent(s, k -> {
        objects.add(k.getBytes(StandardCharsets.UTF_8));
        return objects.size();
      });
    }

    long address() {
      return address;
    }

    boolean isEmpty() {
      return objects.isEmpty();
    }

    /** The collection's bytes: "GCOL", version 1, its size, the objects, the free space. */
    ByteBuffer toBuffer() {
      long used = 16;
      for (byte[] o : objects) {
        used += OBJECT_HEADER + align8(o.length);
      }
      long size = Math.max(MIN_COLLECTION, used + OBJECT_HEADER); // room for the free-space object
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("string attributes of " + size + " bytes in all: too many for one file");
      }
      ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
      b.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(size);
      for (int i = 0; i < objects.size(); i++) {
        byte[] o = objects.get(i);
        b.putShort((short) (i + 1)).putShort((short) 0).putInt(0).putLong(o.length).put(o);
        b.position(b.position() + (int) (align8(o.length) - o.length));
      }
      b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(size - used);
      b.position(0);
      return b;
    }

    private static long align8(long n) {
      return (n + 7) & ~7L;
    }
  }

  /** Datatype class 9 (variable-length), type string, null-terminated padding, UTF-8, on 8-bit unsigned bytes. */
  static final class StringType extends DataType {
    /** Length (4 bytes), collection address (8 bytes, the file's offset size), object index (4 bytes). */
    private static final int REFERENCE_BYTES = 16;
    private static final byte[] MESSAGE = {
      0x19, 0x01, 0x01, 0x00, REFERENCE_BYTES, 0, 0, 0, // version 1, class 9; string, NUL padding, UTF-8; size
      0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // base type: version 1, fixed point, unsigned LE, size 1
      0x00, 0x00, 0x08, 0x00 // bit offset 0, precision 8
    };
    private final Heap heap;

    StringType(Heap heap) {
      super(9, REFERENCE_BYTES);
      this.heap = heap;
    }

    @Override
    public ByteBuffer toBuffer() {
      return ByteBuffer.wrap(MESSAGE.clone());
    }

    /** {@code data} (a String or String[]) as one heap reference per string, its bytes stored in the heap. */
    @Override
    public ByteBuffer encodeData(Object data) {
      String[] strings = data instanceof String s ? new String[] {s} : (String[]) data;
      ByteBuffer b = ByteBuffer.allocate(REFERENCE_BYTES * strings.length).order(ByteOrder.LITTLE_ENDIAN);
      for (String s : strings) {
        int length = s.getBytes(StandardCharsets.UTF_8).length;
        b.putInt(length).putLong(heap.address()).putInt(heap.add(s));
      }
      b.position(0);
      return b;
    }

    @Override
    public Class<?> getJavaType() {
      return String.class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
      throw new UnsupportedOperationException("write-only datatype");
    }
  }

  /** An attribute of one string or a 1-D array of strings, written as variable-length strings into {@code heap}. */
  static Attribute attribute(Node node, String name, Object value, Heap heap) {
    DataType type = new StringType(heap);
    DataSpace space = DataSpace.fromObject(value);
    return new Attribute() {
      @Override
      public Node getNode() {
        return node;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public long getSize() {
        return value instanceof String[] a ? a.length : 1;
      }

      @Override
      public long getSizeInBytes() {
        return getSize() * StringType.REFERENCE_BYTES;
      }

      @Override
      public int[] getDimensions() {
        return space.getDimensions();
      }

      @Override
      public long[] getDimensionsAsLong() {
        return space.getDimensionsAsLong();
      }

      @Override
      public Object getData() {
        return value;
      }

      @Override
      public Class<?> getJavaType() {
        return String.class;
      }

      @Override
      public boolean isScalar() {
        return value instanceof String;
      }

      @Override
      public boolean isEmpty() {
        return false;
      }

      @Override
      public ByteBuffer getBuffer() {
        throw new UnsupportedOperationException("write-only attribute");
      }

      @Override
      public DataSpace getDataSpace() {
        return space;
      }

      @Override
      public DataType getDataType() {
        return type;
      }
    };
  }
}
