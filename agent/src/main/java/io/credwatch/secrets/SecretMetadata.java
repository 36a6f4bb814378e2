package io.credwatch.secrets;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * What Secrets Manager says about a secret without its value: DescribeSecret and the
 * entries of ListSecrets carry the same dates, so both become this.
 *
 * @param deleted when the secret was scheduled for deletion: it still describes, but no longer reads
 */
record SecretMetadata(String name, Optional<Instant> created, Optional<Instant> lastChanged,
                      Optional<Instant> lastRotated, Optional<Instant> lastAccessed, boolean rotationEnabled,
                      Optional<Instant> nextRotation, Optional<Instant> deleted) {

    /** The moment the current value was set, and which date said so. */
    record LastSet(Instant at, String from) {
    }

    static SecretMetadata of(DescribeSecretResponse r) {
        return new SecretMetadata(r.name(), Optional.ofNullable(r.createdDate()),
                Optional.ofNullable(r.lastChangedDate()), Optional.ofNullable(r.lastRotatedDate()),
                Optional.ofNullable(r.lastAccessedDate()), Boolean.TRUE.equals(r.rotationEnabled()),
                Optional.ofNullable(r.nextRotationDate()), Optional.ofNullable(r.deletedDate()));
    }

    static SecretMetadata of(SecretListEntry e) {
        return new SecretMetadata(e.name(), Optional.ofNullable(e.createdDate()),
                Optional.ofNullable(e.lastChangedDate()), Optional.ofNullable(e.lastRotatedDate()),
                Optional.ofNullable(e.lastAccessedDate()), Boolean.TRUE.equals(e.rotationEnabled()),
                Optional.ofNullable(e.nextRotationDate()), Optional.ofNullable(e.deletedDate()));
    }

    /**
     * LastRotatedDate, else LastChangedDate (a value put by hand is a rotation too, but a
     * tag or description edit also moves it, so it only stands in), else CreatedDate.
     */
    Optional<LastSet> lastSet() {
        return lastRotated.map(t -> new LastSet(t, "lastRotated"))
                .or(() -> lastChanged.map(t -> new LastSet(t, "lastChanged")))
                .or(() -> created.map(t -> new LastSet(t, "created")));
    }
}
