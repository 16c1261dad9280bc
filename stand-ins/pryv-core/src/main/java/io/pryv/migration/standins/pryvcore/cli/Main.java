package io.pryv.migration.standins.pryvcore.cli;

/**
 * {@code java -jar pryv-core-stand-in.jar [--data DIR] [--listen HOST:PORT] ...}: see {@link
 * PryvCoreTool}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = new PryvCoreTool(System.out, System.err).run(args);
    if (code != PryvCoreTool.SERVING) {
      System.exit(code);
    }
  }
}
