package io.pryv.migration.nginx.rewriter.redirect;

import java.util.List;

/** The ssl directives added to a block (a location, usually). */
public record SslAddition(String file, int line, String block, List<String> directives) {}
