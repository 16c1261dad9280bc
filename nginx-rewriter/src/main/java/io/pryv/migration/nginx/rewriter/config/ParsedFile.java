package io.pryv.migration.nginx.rewriter.config;

import java.util.List;

/** One file of a parsed tree: its name as the parser prints it, its exact bytes, its directives. */
public record ParsedFile(String name, byte[] content, List<Node> nodes) {}
