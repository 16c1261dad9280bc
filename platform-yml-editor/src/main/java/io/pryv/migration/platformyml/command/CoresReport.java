package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.VerbReport;
import io.pryv.migration.platformyml.cores.CoreEntry;
import java.util.List;

/**
 * Every core list-cores found, and where.
 *
 * @param layout current, transitional or flat
 * @param hostingsPath the path of the HOSTINGS_AND_CORES mapping in that layout
 */
public record CoresReport(String file, String layout, String hostingsPath, List<CoreEntry> cores)
    implements VerbReport {}
