package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.VerbReport;

/** The scalar get found: where it is, its value and its YAML tag. */
public record GetReport(String file, String path, int line, String value, String tag)
    implements VerbReport {}
