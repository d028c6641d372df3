package io.crier.audience;

import java.io.IOException;
import java.io.InputStream;

/**
 * An import's body that can be read more than once: a first pass checks it is well-formed before
 * anything is written, a second one imports it.
 */
@FunctionalInterface
interface ImportBody {

    InputStream open() throws IOException;
}
