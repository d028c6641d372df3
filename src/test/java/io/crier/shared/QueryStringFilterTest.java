package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringFilterTest {

    @Test
    void percentEncodedUtf8TextPasses() {
        assertThat(QueryStringFilter.problem("search=Ren%C3%A9+Smith&page=2&flag&empty=&x=%F0%9F%98%80")).isNull();
    }

    @Test
    void eachKindOfBrokenParameterIsNamed() {
        assertThat(QueryStringFilter.problem("page=1&search=a%00b")).isEqualTo(
                new FieldProblem("search", "must not contain a NUL character (\\u0000)"));
        assertThat(QueryStringFilter.problem("search=%FF").field()).isEqualTo("search");
        assertThat(QueryStringFilter.problem("search=%ED%A0%80").message()).contains("not percent-encoded UTF-8");
        assertThat(QueryStringFilter.problem("search=50%").field()).isEqualTo("search");
        assertThat(QueryStringFilter.problem("search=%zz").field()).isEqualTo("search");
        assertThat(QueryStringFilter.problem("search=%+4").field()).isEqualTo("search");
        assertThat(QueryStringFilter.problem("se%00arch=x").field()).isEqualTo("query");
        assertThat(QueryStringFilter.problem("%FF=x").field()).isEqualTo("query");
    }
}
