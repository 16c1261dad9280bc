package io.pryv.migration.verify.check;

/** One row of the per-account table. */
public final class Counts {
  public long expected;
  public long found;
  public long missing;
  public long changed;
  public long extra;

  public boolean identical() {
    return missing == 0 && changed == 0 && extra == 0;
  }
}
