package io.crier.shared;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's string reading, refusing text that {@link StorableText} cannot store. Replacing the
 * default string deserializer also keeps Jackson off its shortcut for string collections, which
 * misreads an array nested in a {@code List<String>} instead of naming the element.
 */
final class StorableStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        String problem = text == null ? null : StorableText.problem(text);
        if (problem != null) {
            throw new UnstorableTextException(parser, problem);
        }
        return text;
    }
}
