package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether pairs of files written by the two HDF5 writers are the same file to a reader, checked with h5py in one
 * Python process: every group, dataset and attribute is in both, with the same HDF5 type (class, size, byte
 * order, sign; for strings variable or fixed length, character set and padding), shape, maximum shape, chunks,
 * compression and storage layout; provenance attributes too (their values may differ: a time, a speed, the
 * writer's name). The values themselves, provenance aside, are compared bit for bit by scripts/h5same.py.
 */
public final class SameLayout {
  private SameLayout() {}

  static final String SCRIPT = """
      import sys, runpy, io, contextlib, h5py
      from h5py import h5t, h5d
      h5same = runpy.run_path(sys.argv[1])
      def kind(tid):
          c = tid.get_class()
          d = {'class': c}
          if c == h5t.STRING:
              d.update(vlen=tid.is_variable_str(), cset=tid.get_cset(), pad=tid.get_strpad())
              if not tid.is_variable_str():
                  d['size'] = tid.get_size()
          else:
              d['size'] = tid.get_size()
              if c in (h5t.INTEGER, h5t.FLOAT):
                  d['order'] = tid.get_order()
              if c == h5t.INTEGER:
                  d['sign'] = tid.get_sign()
          return d
      def layout(fn):
          out = {}
          with h5py.File(fn, 'r') as f:
              def node(name, obj):
                  key = '/' + name
                  if isinstance(obj, h5py.Dataset):
                      out[key] = ('dataset', kind(obj.id.get_type()), obj.shape, obj.maxshape, obj.chunks,
                                  obj.compression, obj.id.get_create_plist().get_layout())
                  else:
                      out[key] = ('group',)
                  for a in obj.attrs:
                      aid = h5py.h5a.open(obj.id, a.encode())
                      out[key + '@' + a] = ('attribute', kind(aid.get_type()), aid.shape)
              node('', f)
              f.visititems(node)
          return out
      problems = []
      measured = set(sys.argv[2].split(';'))
      args = sys.argv[3:]
      for a, b in zip(args[0::2], args[1::2]):
          la, lb = layout(a), layout(b)
          for k in sorted(set(la) | set(lb)):
              if la.get(k) != lb.get(k):
                  problems.append('%s %s: %r vs %r' % (a.split('/')[-1], k, la.get(k), lb.get(k)))
          if a in measured:
              continue
          said = io.StringIO()
          with contextlib.redirect_stdout(said):
              rc = h5same['main'](['h5same', a, b])
          diffs = [l for l in said.getvalue().splitlines() if l[:1] == '/']
          if rc != 0 and diffs and all(l.startswith('/shard@args differs') for l in diffs):
              # a shard file keeps its command line, -o included: the same but for the output's own path
              with h5py.File(a, 'r') as fa, h5py.File(b, 'r') as fb:
                  if [x.replace(a, b) for x in fa['shard'].attrs['args']] == list(fb['shard'].attrs['args']):
                      rc = 0
          if rc != 0:
              problems.append(a.split('/')[-1] + ' values: ' + '; '.join(diffs))
      print('\\n'.join(problems))
      """;

  /**
   * Asserts that each pair ({@code pairs[i][0]} beside {@code pairs[i][1]}) is the same file but for provenance;
   * of the pairs whose first file is in {@code measured} (timings: sgdmc bench) only the layout is compared.
   */
  public static void assertSame(List<Path[]> pairs, java.util.Set<Path> measured) {
    List<String> args = new ArrayList<>();
    args.add(Path.of("scripts/h5same.py").toAbsolutePath().toString());
    args.add(String.join(";", measured.stream().map(Path::toString).toList()));
    for (Path[] p : pairs) {
      args.add(p[0].toString());
      args.add(p[1].toString());
    }
    ExternalTools.Result r = ExternalTools.python(SCRIPT, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals("", r.stdout().strip(), "the two writers' files differ:\n" + r.stdout());
  }
}
