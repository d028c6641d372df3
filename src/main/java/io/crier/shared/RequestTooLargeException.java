package io.crier.shared;

/** A request body went past the size limit for its endpoint. */
public class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of " + limitBytes + " bytes", null, false, false);
    }
}
