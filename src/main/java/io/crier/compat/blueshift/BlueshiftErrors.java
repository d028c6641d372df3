package io.crier.compat.blueshift;

import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.crier.shared.ErrorBody;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorDialect;

/**
 * Blueshift's error body, {@code {"message": "..."}}, for every error under {@code /blueshift/}.
 * Field problems are spelled out in the message, each naming its field; a rate-limited call gets
 * Blueshift's own words.
 */
@Component
class BlueshiftErrors implements ErrorDialect {

    record Message(String message) {
    }

    static final String RATE_LIMITED = "Rate limit exceeded";

    @Override
    public String pathPrefix() {
        return BlueshiftSecurity.BASE + "/";
    }

    @Override
    public Object body(ErrorBody error) {
        if (ErrorCodes.RATE_LIMITED.equals(error.error().code())) {
            return new Message(RATE_LIMITED);
        }
        var details = error.error().details();
        if (details == null || details.isEmpty()) {
            return new Message(error.error().message());
        }
        return new Message(error.error().message() + ": " + details.stream()
                .map(problem -> problem.field() + " " + problem.message()).collect(Collectors.joining("; ")));
    }
}
