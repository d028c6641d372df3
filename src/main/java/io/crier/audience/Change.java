package io.crier.audience;

/**
 * What a partial update does to one field: leaves it as it is (the field was absent from the
 * request) or sets it, where setting {@code null} clears it.
 */
record Change<T>(boolean given, T value) {

    private static final Change<?> KEEP = new Change<>(false, null);

    @SuppressWarnings("unchecked")
    static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    static <T> Change<T> to(T value) {
        return new Change<>(true, value);
    }

    T applyTo(T current) {
        return given ? value : current;
    }

    /** This change followed by {@code later}: the later one wins where it says anything. */
    Change<T> then(Change<T> later) {
        return later.given ? later : this;
    }
}
