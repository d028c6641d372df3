package io.crier.audience;

import java.io.IOException;
import java.util.function.Consumer;

/** The contacts of an import, handed over one at a time so that no import is held whole in memory. */
@FunctionalInterface
interface RowSource {

    void forEach(Consumer<ImportRow> sink) throws IOException;
}
