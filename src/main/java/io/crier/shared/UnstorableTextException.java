package io.crier.shared;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string that {@link StorableText} refuses; its message says why, its path names the field. */
final class UnstorableTextException extends MismatchedInputException {

    UnstorableTextException(JsonParser parser, String problem) {
        super(parser, problem, String.class);
    }
}
