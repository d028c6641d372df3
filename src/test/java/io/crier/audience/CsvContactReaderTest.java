package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.shared.ApiException;

class CsvContactReaderTest {

    @Test
    void standardColumnsAreRecognizedInAnySpellingAndOthersBecomeCustomFields() throws IOException {
        List<ImportRow> rows = read("\uFEFFE-Mail,First Name,last_name,USER ID,Plan\n"
                + "Ann@Example.com,Ann,Lee,u1,pro\n", StandardCharsets.UTF_8);
        ContactInput ann = rows.getFirst().input();
        assertThat(ann).isNotNull();
        assertThat(rows.getFirst().problems()).isEmpty();
        assertThat(ann.email()).isEqualTo("ann@example.com");
        assertThat(ann.firstName().value()).isEqualTo("Ann");
        assertThat(ann.lastName().value()).isEqualTo("Lee");
        assertThat(ann.userId().value()).isEqualTo("u1");
        assertThat(ann.customFields()).containsOnlyKeys("Plan");
    }

    @Test
    void emptyCellsAreNotGivenAndBlankLinesAreNotRows() throws IOException {
        List<ImportRow> rows = read("email,firstName,city\n\na@example.com,,\n\nb@example.com,Bo,Rome\n",
                StandardCharsets.UTF_8);
        assertThat(rows).extracting(ImportRow::row).containsExactly(1L, 2L);
        assertThat(rows.get(0).input().firstName().given()).isFalse();
        assertThat(rows.get(0).input().customFields()).isEmpty();
        assertThat(rows.get(1).input().customFields().get("city").asString()).isEqualTo("Rome");
    }

    @Test
    void theDeclaredCharsetIsUsed() throws IOException {
        List<ImportRow> rows = read("email,firstName\nzoe@example.com,Zoë\n", StandardCharsets.ISO_8859_1);
        assertThat(rows.getFirst().input().firstName().value()).isEqualTo("Zoë");
    }

    @Test
    void rowsWithProblemsAreReportedWithTheirEmail() throws IOException {
        List<ImportRow> rows = read("email,firstName\nnot-an-email,Ann\n,Nobody\nok@example.com,Ok,extra\n",
                StandardCharsets.UTF_8);
        assertThat(rows).extracting(row -> row.row() + " " + row.email() + " " + row.problems().getFirst().field())
                .containsExactly("1 not-an-email email", "2 null email", "3 ok@example.com column 3");
    }

    @Test
    void unreadableFilesAreRefusedNamingTheBody() {
        assertRefused("firstName\nAnn\n", "needs an email column");
        assertRefused("email,first_name,FirstName\n", "names the column firstName twice");
        assertRefused("email,plan,plan\n", "names the column plan twice");
        assertRefused("", "is empty");
        assertRefused("email\n\"never closed@example.com\n", "is not well-formed CSV");
    }

    private static void assertRefused(String csv, String message) {
        assertThatThrownBy(() -> read(csv, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.details().getFirst().field()).isEqualTo("upload");
                    assertThat(e.details().getFirst().message()).contains(message);
                });
    }

    private static List<ImportRow> read(String csv, Charset charset) throws IOException {
        byte[] bytes = csv.getBytes(charset);
        List<ImportRow> rows = new ArrayList<>();
        CsvContactReader.read(() -> new ByteArrayInputStream(bytes), charset, "upload").forEach(rows::add);
        return rows;
    }
}
