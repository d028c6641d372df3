package io.crier.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum constant's name on the wire and in the database (for example {@code sending_gradual}
 * or {@code 1.25x}), with the parsing that names every allowed value when one is wrong.
 */
public interface WireValue {

    String wire();

    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of: " + Arrays.stream(type.getEnumConstants())
                .map(WireValue::wire).collect(Collectors.joining(", ")));
    }
}
