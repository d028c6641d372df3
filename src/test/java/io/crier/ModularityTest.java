package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules keep to their boundaries: no cycles, and a module uses another only through its
 * top-level public types. Also writes the module diagrams and canvases to
 * target/spring-modulith-docs, and keeps the committed overview diagram in docs/modules/ current.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(CrierApplication.class);
    private static final Path GENERATED = Path.of("target", "spring-modulith-docs");
    private static final Path COMMITTED = Path.of("docs", "modules");

    @Test
    void modulesKeepToTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeDocumentation();

        Path overview = GENERATED.resolve("components.puml");
        assertThat(overview).exists();
        assertThat(Files.readString(overview)).contains("Access", "Web");
        copyIfChanged(overview, COMMITTED.resolve("components.puml"));
    }

    /**
     * Rewrites the committed diagram only when the modules changed, so a run leaves git clean.
     * The Documenter lists relations in no fixed order, so lines are compared as a set.
     */
    private static void copyIfChanged(Path source, Path target) throws IOException {
        List<String> generated = Files.readAllLines(source);
        if (!Files.exists(target) || !sorted(generated).equals(sorted(Files.readAllLines(target)))) {
            Files.createDirectories(target.getParent());
            Files.write(target, generated);
        }
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
