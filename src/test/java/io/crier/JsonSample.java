package io.crier;

import java.util.List;

/**
 * A valid JSON body for one endpoint, with placeholders for a {@link SampleWorkspace}'s ids, and
 * what a sweep must know about its fields beyond their JSON types.
 *
 * @param bounded   paths of text fields with a length limit: a huge text there must be refused
 * @param enums     paths of fields that take one of a fixed set of values
 * @param freeForm  paths of objects whose members may hold any JSON (custom fields)
 * @param arrayBody whether the body may also be a JSON array (a bulk import's rows)
 */
record JsonSample(String json, List<String> bounded, List<String> enums, List<String> freeForm, boolean arrayBody) {

    static JsonSample of(String json) {
        return new JsonSample(json, List.of(), List.of(), List.of(), false);
    }

    JsonSample bounded(String... paths) {
        return new JsonSample(json, List.of(paths), enums, freeForm, arrayBody);
    }

    JsonSample enums(String... paths) {
        return new JsonSample(json, bounded, List.of(paths), freeForm, arrayBody);
    }

    JsonSample freeForm(String... paths) {
        return new JsonSample(json, bounded, enums, List.of(paths), arrayBody);
    }

    JsonSample orArray() {
        return new JsonSample(json, bounded, enums, freeForm, true);
    }
}
