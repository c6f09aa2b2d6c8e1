import Testing
import TutoratMustache

@Suite struct MarkupEscapingTests {
    @Test func escapesTheFiveMarkupCharacters() {
        #expect(MarkupEscaping.escape(#"<a href="x">O'Neil & co</a>"#) == "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;")
        #expect(MarkupEscaping.escape("Équipe d’accueil") == "Équipe d’accueil")
    }
}
