package io.crier.audience;

import java.util.List;

/**
 * What an import did. {@code failed} counts every row that could not be imported; {@code failures}
 * explains the first {@value ContactImporter#MAX_REPORTED_FAILURES} problems.
 */
record ImportResult(long created, long updated, long failed, List<Failure> failures) {

    /** One problem of one row; {@code email} is the address as the row gave it, if it gave one. */
    record Failure(long row, String email, String field, String message) {
    }

    String summary() {
        return "Import finished: " + created + " created, " + updated + " updated, " + failed + " failed";
    }
}
