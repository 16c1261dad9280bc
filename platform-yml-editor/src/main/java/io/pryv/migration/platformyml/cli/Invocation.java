package io.pryv.migration.platformyml.cli;

import io.pryv.migration.platformyml.command.Request;

/** The outcome of parsing the command line: print help, print the version, or run a request. */
public sealed interface Invocation {
  record Help(String text) implements Invocation {}

  record Version() implements Invocation {}

  record Run(Request request) implements Invocation {}
}
