package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.support.Api;

class StorableTextTest {

    @Test
    void anyUnicodeTextWithoutNulIsStorable() {
        assertThat(StorableText.problem("")).isNull();
        assertThat(StorableText.problem("Ren\u00e9 \u4e2d\u6587 \uD83D\uDE00 \u0001\t\n")).isNull();
    }

    @Test
    void nulAndUnpairedSurrogatesAreNot() {
        assertThat(StorableText.problem("a\0b")).contains("NUL");
        assertThat(StorableText.problem("a\uD800")).contains("unpaired surrogate");
        assertThat(StorableText.problem("\uDC00a")).contains("unpaired surrogate");
        assertThat(StorableText.problem("\uDE00\uD83D")).as("a pair in the wrong order").contains("unpaired surrogate");
        assertThat(StorableText.problem("\uD83D\uD83D\uDE00")).contains("unpaired surrogate");
    }

    @Test
    void checkNamesEveryUnstorableStringOfAJsonValueByItsPath() {
        List<FieldProblem> problems = new ArrayList<>();
        StorableText.check(Api.JSON.readTree("""
                {"ok": "fine", "bad": "a\\u0000", "list": ["x", "\\ud800"], "nested": {"deep": "\\udc00"},
                 "na\\u0000me": 1, "number": 5}"""), "customFields", problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("customFields.bad",
                "customFields.list[1]", "customFields.nested.deep", "customFields");
    }
}
