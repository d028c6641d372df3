package io.crier.sender;

import java.util.List;

/**
 * What DNS had for one record: {@code pass}, {@code missing}, {@code wrong} (with what was found),
 * or {@code unknown} when no trustworthy answer came (with the reason).
 */
record RecordCheck(String result, List<String> found, String reason) {

    static final String PASS = "pass";
    static final String MISSING = "missing";
    static final String WRONG = "wrong";
    static final String UNKNOWN = "unknown";

    boolean passed() {
        return PASS.equals(result);
    }

    boolean unknown() {
        return UNKNOWN.equals(result);
    }
}
