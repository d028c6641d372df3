package io.crier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A valid JSON body for one endpoint, with placeholders for a {@link SampleWorkspace}'s ids, and
 * what a sweep must know about its fields beyond their JSON types.
 *
 * @param bounded   paths of text fields with a length limit: a huge text there must be refused
 * @param enums     paths of fields that take one of a fixed set of values
 * @param freeForm  paths of objects whose members may hold any JSON (custom fields)
 * @param arrayBody whether the body may also be a JSON array (a bulk import's rows)
 * @param refused   for some paths, texts of the right type that must be refused there all the same
 */
record JsonSample(String json, List<String> bounded, List<String> enums, List<String> freeForm, boolean arrayBody,
        Map<String, List<String>> refused) {

    static JsonSample of(String json) {
        return new JsonSample(json, List.of(), List.of(), List.of(), false, Map.of());
    }

    JsonSample bounded(String... paths) {
        return new JsonSample(json, List.of(paths), enums, freeForm, arrayBody, refused);
    }

    JsonSample enums(String... paths) {
        return new JsonSample(json, bounded, List.of(paths), freeForm, arrayBody, refused);
    }

    JsonSample freeForm(String... paths) {
        return new JsonSample(json, bounded, enums, List.of(paths), arrayBody, refused);
    }

    JsonSample orArray() {
        return new JsonSample(json, bounded, enums, freeForm, true, refused);
    }

    /** These texts must be refused at each of the paths. */
    JsonSample refuses(List<String> texts, String... paths) {
        Map<String, List<String>> more = new HashMap<>(refused);
        for (String path : paths) {
            more.merge(path, texts, (before, added) -> Stream.concat(before.stream(), added.stream()).toList());
        }
        return new JsonSample(json, bounded, enums, freeForm, arrayBody, Map.copyOf(more));
    }
}
