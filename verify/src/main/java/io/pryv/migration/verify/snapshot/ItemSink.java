package io.pryv.migration.verify.snapshot;

/** Receives fingerprinted items as they are read, so that nothing needs to hold a whole account. */
@FunctionalInterface
public interface ItemSink {
  void accept(Item item);
}
