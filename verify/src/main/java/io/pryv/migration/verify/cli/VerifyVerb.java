package io.pryv.migration.verify.cli;

/** The verbs of verify. */
public enum VerifyVerb {
  SEED,
  SNAPSHOT,
  CHECK,
  HEALTH
}
