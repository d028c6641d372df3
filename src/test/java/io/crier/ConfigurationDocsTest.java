package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The README's configuration table stays true: it names every Crier setting of application.yml
 * with its default, and each environment variable it gives really sets its property.
 */
class ConfigurationDocsTest {

    /** A table row: | `ENVIRONMENT_VARIABLE` | `crier.property` | default | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| `(crier\\.[a-z0-9.-]+)` \\| ([^|]*) \\|");

    private record Row(String variable, String property, String defaultValue) {
    }

    @Test
    void readmeNamesEveryCrierSettingWithItsDefault() throws IOException {
        Map<String, String> settings = crierSettings();
        Map<String, Row> documented = readmeRows();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
        settings.forEach((property, value) -> {
            String expected = value.isEmpty() ? "empty" : "`" + value + "`";
            assertThat(documented.get(property).defaultValue()).as("default of %s", property).contains(expected);
        });
    }

    @Test
    void everyDocumentedVariableSetsItsProperty() throws IOException {
        for (Row row : readmeRows().values()) {
            ConfigurationPropertySource environment = ConfigurationPropertySource.from(
                    new SystemEnvironmentPropertySource("environment", Map.of(row.variable(), "set")));

            assertThat(environment.getConfigurationProperty(ConfigurationPropertyName.of(row.property())))
                    .as("%s sets %s", row.variable(), row.property()).isNotNull();
        }
    }

    private static Map<String, String> crierSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            EnumerablePropertySource<?> yaml = (EnumerablePropertySource<?>) source;
            for (String name : yaml.getPropertyNames()) {
                if (name.startsWith("crier.")) {
                    settings.put(name, String.valueOf(yaml.getProperty(name)));
                }
            }
        }
        return settings;
    }

    private static Map<String, Row> readmeRows() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(2), new Row(row.group(1), row.group(2), row.group(3)));
            }
        }
        return rows;
    }
}
