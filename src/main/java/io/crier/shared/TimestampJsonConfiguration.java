package io.crier.shared;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every instant on the wire as AutoSend writes it: ISO-8601 in UTC with exactly three fraction
 * digits ({@code 2026-03-01T10:00:00.000Z}). Jackson's default drops a zero fraction. Instants are
 * read only from ISO-8601 text: Jackson would take a number, or a string of digits, as seconds
 * since 1970, so a client sending milliseconds would schedule a campaign tens of thousands of
 * years ahead, and one sending {@code 42} would get 1970. Only the years 1 to 9999 are taken
 * ({@link Timestamps#YEARS}).
 */
@Configuration(proxyBeanMethods = false)
class TimestampJsonConfiguration {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]+");

    @Bean
    JsonMapperBuilderCustomizer isoInstants() {
        SimpleModule module = new SimpleModule("crier-instants");
        module.addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(UTC_MILLIS.format(value));
            }
        });
        module.addDeserializer(Instant.class, new ValueDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return (Instant) context.handleUnexpectedToken(Instant.class, parser);
                }
                String text = parser.getString().trim();
                if (NUMBER.matcher(text).matches()) {
                    throw context.weirdStringException(text, Instant.class, "a number is no timestamp");
                }
                Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
                if (!Timestamps.takes(instant)) {
                    throw context.weirdStringException(text, Instant.class, Timestamps.YEARS);
                }
                return instant;
            }
        });
        return builder -> builder.addModule(module);
    }
}
