package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One fingerprinted thing of an account: a stream, an event (or its deletion), an attachment, a
 * series, an access.
 *
 * @param kind {@code stream|event|attachment|series|access}
 * @param id the item's id; {@code eventId/fileId} for attachments, the event id for series
 * @param state {@code active|trashed|deleted}
 * @param hash our fingerprint: the recomputed integrity for events, SHA-256 of the bytes for
 *     attachments, of the canonical points for series, of the canonical object for streams and
 *     accesses; null when unreadable
 * @param integrity the integrity the server declares (events, attachments), or null
 * @param intact whether the declared integrity matches what we recomputed (null when none is
 *     declared)
 * @param size attachment bytes or series point count
 * @param note type, file name, or why the item could not be read
 * @param streamIds the event's streams (scopes seed manifests)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
    String kind,
    String id,
    String state,
    String hash,
    String integrity,
    Boolean intact,
    Long size,
    String note,
    List<String> streamIds) {

  public static final String ACTIVE = "active";
  public static final String TRASHED = "trashed";
  public static final String DELETED = "deleted";
}
