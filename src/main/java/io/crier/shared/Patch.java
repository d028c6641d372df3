package io.crier.shared;

import java.util.Set;

/**
 * A request body read as {@code T} that also remembers which properties it named, so a partial
 * update can tell "absent" (keep the current value) from an explicit {@code null} (clear it).
 * Nested objects merge as in JSON Merge Patch (RFC 7386): {@code "from": {"name": "x"}} changes
 * only {@code from.name}, {@code "from": null} clears all of {@code from}; arrays are replaced whole.
 *
 * @param values the body as a typed value
 * @param named  the dotted paths of every property the body named, at every level of nesting
 * @param nulled the paths the body set to {@code null}
 */
public record Patch<T>(T values, Set<String> named, Set<String> nulled) {

    public Patch {
        named = Set.copyOf(named);
        nulled = Set.copyOf(nulled);
    }

    /** Whether the body set this property: by naming it, or by setting an enclosing object to null. */
    public boolean has(String path) {
        if (named.contains(path)) {
            return true;
        }
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
            if (nulled.contains(path.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    /** The body's value where the body set the property, otherwise the current one. */
    public <V> V pick(String path, V bodyValue, V current) {
        return has(path) ? bodyValue : current;
    }
}
