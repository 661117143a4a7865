package org.sgdmc.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Two reducers fed the same blocks, as one: for a run that streams its statistics and also keeps every value. */
public record BothReducers<A extends BlockReducer<A>, B extends BlockReducer<B>>(A first, B second)
    implements BlockReducer<BothReducers<A, B>> {

  @Override
  public void accept(long traj0, int valid, double[][][] values) {
    first.accept(traj0, valid, values);
    second.accept(traj0, valid, values);
  }

  @Override
  public void merge(BothReducers<A, B> other) {
    first.merge(other.first);
    second.merge(other.second);
  }

  @Override
  public void save(DataOutput out) throws IOException {
    first.save(out);
    second.save(out);
  }

  @Override
  public void addSaved(DataInput in) throws IOException {
    first.addSaved(in);
    second.addSaved(in);
  }
}
