package io.crier.compat.blueshift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.crier.shared.ErrorBody;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorDialect;

/**
 * Blueshift's error bodies for every error under {@code /blueshift/}: a 400 with fields at fault is
 * its validation shape, {@code {"errors": {"field": ["message", ...]}}}; every other error is
 * {@code {"message": "..."}}, with any field problems spelled out in it. A rate-limited call gets
 * Blueshift's own words.
 */
@Component
class BlueshiftErrors implements ErrorDialect {

    record Message(String message) {
    }

    record FieldErrors(Map<String, List<String>> errors) {
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
        if (error.error().status() == 400) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            details.forEach(problem -> byField.computeIfAbsent(problem.field(), field -> new ArrayList<>())
                    .add(problem.message()));
            return new FieldErrors(byField);
        }
        return new Message(error.error().message() + ": " + details.stream()
                .map(problem -> problem.field() + " " + problem.message()).collect(Collectors.joining("; ")));
    }
}
