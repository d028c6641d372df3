package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Which links tracking rewrites and how: only the tracked addresses and the spot of the open pixel
 * change, every other character of the source (placeholders included) stays as written.
 */
class TrackedHtmlTest {

    private static final Tracking BOTH = new Tracking(true, true);

    @Test
    void absoluteWebLinksAreRewrittenAndNothingElse() {
        String source = """
                <html><body>
                <a href="https://example.com/a?x=1&amp;y=2">A</a>
                <A HREF='HTTP://Example.com/B'>B</A>
                <a href=http://example.com/c>C</a>
                <a href="{{ unsubscribeURL }}">Unsubscribe</a> <a href="{{ website }}">Site</a>
                <a href="https://example.com/u/{{ userId }}">Yours</a>
                <a href="https://example.com/{% if firstName %}x{% endif %}">Branch</a>
                {% if lastName %}<a href="https://example.com/{% endif %}">Split</a>
                <a href="mailto:hello@example.com">Mail</a> <a href="tel:+123">Call</a>
                <a href="#top">Top</a> <a href="/relative">Relative</a> <a name="anchor">Anchor</a>
                <p title="{{ firstName | default("there") }}">Hi {{ firstName | default("there") }}</p>
                </body></html>""";

        TrackedHtml.Result result = TrackedHtml.of(source, BOTH);

        assertThat(result.links()).containsExactly("https://example.com/a?x=1&y=2", "HTTP://Example.com/B",
                "http://example.com/c", "https://example.com/u/{{ userId }}",
                "https://example.com/{% if firstName %}x{% endif %}");
        assertThat(result.html()).isEqualTo(source
                .replace("https://example.com/a?x=1&amp;y=2", "{{ crier_link_0 | raw }}")
                .replace("HTTP://Example.com/B", "{{ crier_link_1 | raw }}")
                .replace("http://example.com/c", "{{ crier_link_2 | raw }}")
                .replace("https://example.com/u/{{ userId }}", "{{ crier_link_3 | raw }}")
                .replace("https://example.com/{% if firstName %}x{% endif %}", "{{ crier_link_4 | raw }}")
                .replace("</body>", pixel() + "</body>"));
    }

    @Test
    void thePixelGoesBeforeTheBodysEndTagOrAtTheEndWithoutOne() {
        assertThat(TrackedHtml.of("<p>Hi</p>", new Tracking(true, false)).html()).isEqualTo("<p>Hi</p>" + pixel());
        assertThat(TrackedHtml.of("<body><p>Hi</p></body>\n</html>", new Tracking(true, false)).html())
                .isEqualTo("<body><p>Hi</p>" + pixel() + "</body>\n</html>");
        assertThat(TrackedHtml.of("<p><a href=\"https://x.org\">x</a></p>", new Tracking(false, true)).html())
                .isEqualTo("<p><a href=\"{{ crier_link_0 | raw }}\">x</a></p>");
    }

    @Test
    void aRenderedMessageCarriesItsRecipientsAddressesAndTheTextPartTheOriginalLinks() {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null, "Hi",
                null, "<body><p>Hi {{ firstName }}, <a href=\"https://example.com/offer\">see the offer</a></p>"
                        + "<a href=\"{{ unsubscribeURL }}\">Unsubscribe</a></body>", null), BOTH);
        TrackingUrls urls = new TrackingUrls() {
            @Override
            public String open() {
                return "https://t.example/o/OPEN";
            }

            @Override
            public String click(int link) {
                return "https://t.example/c/LINK" + link;
            }
        };

        RenderedMessage message = template.personalize(new Recipient("a@example.com", "Ann", null, null,
                Map.of()), "https://t.example/u/UNSUB", urls);

        assertThat(template.trackedLinks()).isEqualTo(List.of("https://example.com/offer"));
        assertThat(message.html()).isEqualTo("<body><p>Hi Ann, <a href=\"https://t.example/c/LINK0\">see the offer"
                + "</a></p><a href=\"https://t.example/u/UNSUB\">Unsubscribe</a>"
                + pixel().replace("{{ crier_open | raw }}", "https://t.example/o/OPEN") + "</body>");
        assertThat(message.text()).contains("see the offer (https://example.com/offer)");
    }

    @Test
    void aLinkWithPlaceholdersLeadsEachRecipientWhereTheirMessageWould() {
        Recipient ann = new Recipient("ann+news@example.com", "Ann & Bo", null, "u-7", Map.of("plan", "pro"));

        assertThat(MessageTemplate.linkFor("https://example.com/p?who={{ email }}&plan={{ plan }}&u={{ userId }}",
                ann)).isEqualTo("https://example.com/p?who=ann+news@example.com&plan=pro&u=u-7");
        assertThat(MessageTemplate.linkFor("https://example.com/{% if firstName %}hi{% endif %}", ann))
                .isEqualTo("https://example.com/hi");
        assertThat(MessageTemplate.linkFor("https://example.com/static", ann)).isEqualTo("https://example.com/static");
    }

    /**
     * A placeholder before a link's path would let a recipient's own data choose the host Crier's
     * redirect leads to: such links are sent as written, untracked; after the path each value is
     * percent-encoded where it would end or change the address.
     */
    @Test
    void aRecipientsDataChoosesNoHostAndStaysDataInTheAddress() {
        String source = """
                <a href="https://{{ sub }}.shop.example/x">Sub</a> <a href="https://shop.example{{ path }}">Path</a>
                <a href="https://shop.example:{{ port }}/">Port</a> <a href="{{ scheme }}://shop.example/">Scheme</a>
                <a href="https://shop.example/{{ path }}">Yours</a>""";

        assertThat(TrackedHtml.of(source, BOTH).links()).containsExactly("https://shop.example/{{ path }}");
        assertThat(MessageTemplate.tracks("https://shop.example{{ path }}")).isFalse();

        Recipient mallory = new Recipient("m@example.com", "M", null, null,
                Map.of("path", "@evil.example", "next", "x&admin=1#frag 100%\r\nSet-Cookie: a=b"));
        assertThat(MessageTemplate.linkFor("https://shop.example/go?to={{ next }}&who={{ path }}", mallory))
                .isEqualTo("https://shop.example/go?to=x%26admin%3D1%23frag%20100%25%0D%0ASet-Cookie:%20a%3Db"
                        + "&who=@evil.example");
    }

    @Test
    void withoutTrackingTheHtmlIsUntouched() {
        String html = "<body><a href=\"https://example.com/\">x</a></body>";
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null, "Hi",
                null, html, null), Tracking.OFF);

        assertThat(template.trackedLinks()).isEmpty();
        assertThat(template.personalize(new Recipient("a@example.com", null, null, null, Map.of()), null).html())
                .isEqualTo(html);
    }

    private static String pixel() {
        return "<img src=\"{{ crier_open | raw }}\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;width:1px;height:1px;border:0\">";
    }
}
