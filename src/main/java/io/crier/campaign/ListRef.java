package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A list named in {@code toLists} or {@code excludeLists}: by its id, or as an object with an {@code id}. */
record ListRef(String id) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    ListRef(@JsonProperty("id") String id) {
        this.id = id;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ListRef of(String id) {
        return new ListRef(id);
    }
}
