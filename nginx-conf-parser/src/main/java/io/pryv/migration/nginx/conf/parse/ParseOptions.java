package io.pryv.migration.nginx.conf.parse;

import java.nio.file.Path;
import java.util.Set;

/**
 * crossplane's {@code parse()} keyword arguments, plus the folder relative names are read from
 * (crossplane uses the process's working directory; here it is a parameter so that tests and
 * callers need not change it).
 *
 * @param workingDir folder against which relative file names and include patterns are opened
 * @param catchErrors false stops a file at its first error ({@code --no-catch})
 * @param ignore directives left out of the payload ({@code --ignore})
 * @param single do not follow includes ({@code --single-file})
 * @param comments keep comments ({@code --include-comments})
 * @param strict unknown directives are errors ({@code --strict})
 * @param combine one config with the includes inlined ({@code --combine})
 * @param checkContext check where directives are allowed
 * @param checkArguments check directives' argument counts
 * @param tracebacks add a {@code callback} describing each error ({@code --tb-onerror})
 */
public record ParseOptions(
    Path workingDir,
    boolean catchErrors,
    Set<String> ignore,
    boolean single,
    boolean comments,
    boolean strict,
    boolean combine,
    boolean checkContext,
    boolean checkArguments,
    boolean tracebacks) {

  public ParseOptions {
    ignore = Set.copyOf(ignore);
  }

  /** crossplane's defaults, relative names read from the current directory. */
  public static ParseOptions defaults() {
    return new ParseOptions(
        Path.of(""), true, Set.of(), false, false, false, false, true, true, false);
  }

  public ParseOptions withWorkingDir(Path dir) {
    return new ParseOptions(
        dir,
        catchErrors,
        ignore,
        single,
        comments,
        strict,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withComments(boolean keep) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        ignore,
        single,
        keep,
        strict,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withSingle(boolean singleFile) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        ignore,
        singleFile,
        comments,
        strict,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withCombine(boolean combined) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        ignore,
        single,
        comments,
        strict,
        combined,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withStrict(boolean strictDirectives) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        ignore,
        single,
        comments,
        strictDirectives,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withIgnore(Set<String> directives) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        directives,
        single,
        comments,
        strict,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withCatchErrors(boolean catchThem) {
    return new ParseOptions(
        workingDir,
        catchThem,
        ignore,
        single,
        comments,
        strict,
        combine,
        checkContext,
        checkArguments,
        tracebacks);
  }

  public ParseOptions withTracebacks(boolean withCallback) {
    return new ParseOptions(
        workingDir,
        catchErrors,
        ignore,
        single,
        comments,
        strict,
        combine,
        checkContext,
        checkArguments,
        withCallback);
  }
}
