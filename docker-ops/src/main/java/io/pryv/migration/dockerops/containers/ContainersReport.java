package io.pryv.migration.dockerops.containers;

import io.pryv.migration.common.VerbReport;
import java.util.List;

/**
 * {@code status}, {@code stop}, {@code start}, {@code restart}: the containers as inspected
 * afterwards. {@code planOnly} is a dry run of a change: the commands were printed, nothing was
 * inspected or reported.
 */
public record ContainersReport(List<ContainerState> containers, boolean planOnly)
    implements VerbReport {
  public ContainersReport {
    containers = List.copyOf(containers);
  }
}
