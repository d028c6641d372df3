package io.crier.shared;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every instant on the wire as AutoSend writes it: ISO-8601 in UTC with exactly three fraction
 * digits ({@code 2026-03-01T10:00:00.000Z}). Jackson's default drops a zero fraction.
 */
@Configuration(proxyBeanMethods = false)
class TimestampJsonConfiguration {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Bean
    JsonMapperBuilderCustomizer utcMillisInstants() {
        SimpleModule module = new SimpleModule("crier-instants");
        module.addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(UTC_MILLIS.format(value));
            }
        });
        return builder -> builder.addModule(module);
    }
}
