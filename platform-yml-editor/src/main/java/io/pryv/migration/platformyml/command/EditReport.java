package io.pryv.migration.platformyml.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pryv.migration.common.VerbReport;

/**
 * What set or set-core-ip did (or, with dryRun, would do) to one scalar.
 *
 * @param core "hosting/core" for set-core-ip; null (and left out of the JSON) for set
 * @param written the file was replaced (false on a dry run and when nothing changed)
 * @param backup where the previous content was kept, null when nowhere
 * @param diff the unified diff of the change, empty when nothing changes
 */
public record EditReport(
    String file,
    @JsonInclude(JsonInclude.Include.NON_NULL) String core,
    String path,
    int line,
    @JsonProperty("old") String oldValue,
    @JsonProperty("new") String newValue,
    boolean changed,
    boolean dryRun,
    boolean written,
    String backup,
    String diff)
    implements VerbReport {}
