import Testing
@testable import TutoratMarkdown

@Suite struct HeadingIDTests {
    @Test(arguments: [
        ("Équipe d'accueil", "equipe-d-accueil"),
        ("Cœur de métier", "coeur-de-metier"),
        ("Ex æquo", "ex-aequo"),
        ("Leçons de français", "lecons-de-francais"),
        ("Où ça ? À l’école !", "ou-ca-a-l-ecole"),
        ("ÎLE-DE-FRANCE", "ile-de-france"),
        ("Noël, Über, Ñandú", "noel-uber-nandu"),
        ("Straße à Łódź", "strasse-a-lodz"),
        ("  Objectifs — 2026  ", "objectifs-2026"),
        ("e\u{301}te\u{301}", "ete"), // typed decomposed (NFD)
        ("C++ & C#", "c-c"),
        ("3 × 4", "3-4"),
    ])
    func slugFoldsFrench(input: String, expected: String) {
        #expect(HeadingID.slug(input) == expected)
    }

    @Test func slugOfNothingReadableIsSection() {
        #expect(HeadingID.slug("") == "section")
        #expect(HeadingID.slug("— ? —") == "section")
        #expect(HeadingID.slug("日本語") == "section")
    }

    @Test func foldingTableCoversLatin1AndExtendedA() {
        #expect(HeadingID.foldingTable.count == 192)
        #expect(HeadingID.slug("ÀÁÂÃÄÅ àáâãäå") == "aaaaaa-aaaaaa")
        #expect(HeadingID.slug("ÈÉÊË èéêë") == "eeee-eeee")
        #expect(HeadingID.slug("ÌÍÎÏ ìíîï") == "iiii-iiii")
        #expect(HeadingID.slug("ÒÓÔÕÖØ òóôõöø") == "oooooo-oooooo")
        #expect(HeadingID.slug("ÙÚÛÜ ùúûü") == "uuuu-uuuu")
        #expect(HeadingID.slug("ÝŸ ýÿ") == "yy-yy")
        #expect(HeadingID.slug("ŒÆÇ œæç") == "oeaec-oeaec")
        #expect(HeadingID.slug("ŽžſĲ") == "zzsij")
    }

    @Test func allocatorMakesIDsUniqueWithoutStealing() {
        var ids = HeadingIDAllocator()
        #expect(ids.id(for: "Objectifs") == "objectifs")
        #expect(ids.id(for: "Objectifs") == "objectifs-2")
        #expect(ids.id(for: "Objectifs 3") == "objectifs-3")
        #expect(ids.id(for: "Objectifs") == "objectifs-4") // "objectifs-3" is taken by the explicit one
        #expect(ids.id(for: "Objectifs 2") == "objectifs-2-2")
        #expect(ids.id(for: "") == "section")
        #expect(ids.id(for: "?") == "section-2")
    }
}

@Suite struct MarkdownDocumentTests {
    @Test func headingsHaveLevelsTextAndLines() {
        let doc = MarkdownDocument("""
            # Séance du *lundi*

            Texte.

            ## Objectifs `v2`
            ligne

            Sous-titre
            avec suite
            ----------

            > ### Dans une citation
            """)
        #expect(doc.headings == [
            MarkdownHeading(level: 1, text: "Séance du lundi", id: "seance-du-lundi", line: 1, column: 1),
            MarkdownHeading(level: 2, text: "Objectifs v2", id: "objectifs-v2", line: 5, column: 1),
            MarkdownHeading(level: 2, text: "Sous-titre avec suite", id: "sous-titre-avec-suite", line: 8, column: 1),
            MarkdownHeading(level: 3, text: "Dans une citation", id: "dans-une-citation", line: 12, column: 3),
        ])
    }

    @Test func repeatedHeadingsGetNumberedIDs() {
        let doc = MarkdownDocument("## Objectifs\n\n## Objectifs\n\n## Objectifs\n\n## Équipe\n")
        #expect(doc.headings.map(\.id) == ["objectifs", "objectifs-2", "objectifs-3", "equipe"])
        let html = doc.html()
        #expect(html.contains(#"<h2 id="objectifs-2">Objectifs</h2>"#))
        #expect(html.contains(#"<h2 id="objectifs-3">Objectifs</h2>"#))
    }

    @Test func htmlHeadingsCarryTheirIDs() {
        let doc = MarkdownDocument("# Titre\n\n## Objectifs\n\nDu *texte*.\n\n- item\n\n  ### Dans une liste [lien](/x)\n")
        let html = doc.html()
        #expect(html == """
            <h1 id="titre">Titre</h1>
            <h2 id="objectifs">Objectifs</h2>
            <p>Du <em>texte</em>.</p>
            <ul>
            <li>
            <p>item</p>
            <h3 id="dans-une-liste-lien">Dans une liste <a href="/x">lien</a></h3>
            </li>
            </ul>

            """)
        // Rendering puts the tree back: a second rendering is the same.
        #expect(doc.html() == html)
    }

    @Test func linksAndImagesWithPositions() {
        let doc = MarkdownDocument("""
            # Voir [l'accueil](/index.md)

            Été : [x](y.md) et
              ![carte](img/carte.png) *[z](https://example.org)*

            > citation [q](r)
            - item
            suite <https://auto.example> [ref][r]

            [r]: /dest
            """)
        #expect(doc.links == [
            MarkdownLink(destination: "/index.md", isImage: false, line: 1, column: 8),
            MarkdownLink(destination: "y.md", isImage: false, line: 3, column: 7), // characters, not bytes
            MarkdownLink(destination: "img/carte.png", isImage: true, line: 4, column: 3),
            MarkdownLink(destination: "https://example.org", isImage: false, line: 4, column: 28),
            MarkdownLink(destination: "r", isImage: false, line: 6, column: 12),
            MarkdownLink(destination: "https://auto.example", isImage: false, line: 8, column: 7),
            MarkdownLink(destination: "/dest", isImage: false, line: 8, column: 30),
        ])
    }

    @Test func positionsHandleCRLFAndLazyLines() {
        let doc = MarkdownDocument("Un\r\n\r\n> a\r\nlazy [q](r)\r\n\r\n    code\r\n\r\nfin ![i](j)")
        #expect(doc.links.map { [$0.line, $0.column] } == [[4, 6], [8, 5]])
    }

    @Test func rewriteURLIsAppliedToEveryDestination() {
        let doc = MarkdownDocument("[a](tutors/marie.md) ![b](photo.jpg)\n\n## Voir [c](page.md#x)\n")
        var seen: [String] = []
        let html = doc.html { url in
            seen.append(url)
            return "../" + url.replacingSuffix(".md", with: "/")
        }
        #expect(seen == ["tutors/marie.md", "photo.jpg", "page.md#x"])
        #expect(html.contains(#"<a href="../tutors/marie/">a</a>"#))
        #expect(html.contains(#"<img src="../photo.jpg" alt="b" />"#))
        #expect(html.contains(#"<h2 id="voir-c">Voir <a href="../page.md#x">c</a></h2>"#))
        // Each call starts again from the written destinations.
        #expect(doc.html().contains(#"<a href="tutors/marie.md">a</a>"#))
    }

    @Test func rawHTMLIsDroppedByDefault() {
        let text = "<script>alert(1)</script>\n\nTexte <b onclick=\"x()\">gras</b> fin.\n"
        let html = MarkdownDocument(text).html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("alert(1)"))
        #expect(!html.contains("<b"))
        #expect(html.contains("<p>Texte gras fin.</p>"))
    }

    @Test func rawHTMLPassesWhenAllowed() {
        let text = "<script>alert(1)</script>\n\nTexte <b>gras</b>.\n"
        let html = MarkdownDocument(text, options: MarkdownOptions(unsafeHTML: true)).html()
        #expect(html.contains("<script>alert(1)</script>"))
        #expect(html.contains("<p>Texte <b>gras</b>.</p>"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](<  javascript:alert(1)>)",
        "[x](java&#9;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![x](data:image/png;base64,AAAA)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ])
    func dangerousDestinationsAreNotEmitted(markdown: String) {
        for options in [MarkdownOptions(), MarkdownOptions(unsafeHTML: true)] {
            let doc = MarkdownDocument(markdown, options: options)
            var rewritten: [String] = []
            let html = doc.html { rewritten.append($0); return $0 }
            #expect(doc.links.count == 1)
            #expect(rewritten.isEmpty)
            #expect(urlAttributes(in: html) == [""], "\(html)")
        }
    }

    @Test func safeDestinationsAreKept() {
        for url in ["https://example.org/javascript:x", "mailto:a@b.fr", "/a/b?c=data:x", "page.md", "#top", "tel:+33"] {
            #expect(!URLSafety.isUnsafe(url), "\(url)")
        }
        for url in [" \u{1}JavaScript:x", "DATA:text/plain,x", "FILE:x", "\tvbscript:x", "java\nscript:x"] {
            #expect(URLSafety.isUnsafe(url), "\(url)")
        }
        let html = MarkdownDocument("[a](https://example.org) [b](mailto:a@b.fr)").html()
        #expect(html == #"<p><a href="https://example.org">a</a> <a href="mailto:a@b.fr">b</a></p>"# + "\n")
    }

    @Test func summaryTakesTheFirstParagraphCutAtAWord() {
        let doc = MarkdownDocument("""
            # Titre

            Marie   prépare le *brevet* des
            collèges avec `Jeanne`, deux fois par semaine.

            Deuxième paragraphe.
            """)
        #expect(doc.summary() == "Marie prépare le brevet des collèges avec Jeanne, deux fois par semaine.")
        #expect(doc.summary(maxLength: 30) == "Marie prépare le brevet des…")
        #expect(doc.summary(maxLength: 28) == "Marie prépare le brevet des…")
        #expect(doc.summary(maxLength: 27) == "Marie prépare le brevet…")
        #expect(doc.summary(maxLength: 46) == "Marie prépare le brevet des collèges avec…") // no trailing ","
        #expect(doc.summary(maxLength: 30).count <= 30)
        #expect(doc.summary(maxLength: 8) == "Marie…")
        #expect(doc.summary(maxLength: 4) == "Mar…") // one word longer than the room: cut inside it
    }

    @Test func summaryFallsBackToTheFirstText() {
        #expect(MarkdownDocument("# Seulement un titre\n").summary() == "Seulement un titre")
        #expect(MarkdownDocument("").summary() == "")
        #expect(MarkdownDocument("<div>x</div>\n\nPuis du texte.").summary() == "Puis du texte.")
        #expect(MarkdownDocument("Il dit «\u{A0}bonjour\u{A0}» !").summary() == "Il dit «\u{A0}bonjour\u{A0}» !")
    }

    @Test func plainTextHasEveryBlockButNoMarkupOrHTML() {
        let doc = MarkdownDocument("""
            # Titre *important*

            Un [lien](x) et ![une image](y.png),
            sur <span class="x">deux</span> lignes.

            <div>bloc HTML</div>

            ```swift
            let a = 1
            ```

            - point `code`
            """)
        #expect(doc.plainText == "Titre important\nUn lien et une image, sur deux lignes.\nlet a = 1\npoint code")
    }
}

/// The values of every `href="..."` and `src="..."` in `html`.
private func urlAttributes(in html: String) -> [String] {
    var values: [String] = []
    var rest = Substring(html)
    while let range = rest.firstRange(of: /(href|src)="([^"]*)"/) {
        values.append(String(rest[range].split(separator: "\"", omittingEmptySubsequences: false)[1]))
        rest = rest[range.upperBound...]
    }
    return values
}

private extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}

@Suite struct UnterminatedFenceTests {
    @Test func openFenceIsFoundAtItsLine() {
        #expect(MarkdownDocument("Texte\n\n```yaml\ntitle: x\n").unterminatedFences == [3])
        #expect(MarkdownDocument("Texte\n\n~~~~\ncode\n~~~\n").unterminatedFences == [3], "a shorter closing fence does not close")
        #expect(MarkdownDocument("Fin\n```").unterminatedFences == [2])
    }

    @Test func closedFencesAreFine() {
        #expect(MarkdownDocument("```\ncode\n```\n").unterminatedFences == [])
        #expect(MarkdownDocument("> ```\n> code\n> ```\n").unterminatedFences == [])
        #expect(MarkdownDocument("~~~~\ncode\n~~~~~\n\n    indented code\n").unterminatedFences == [])
    }
}

/// Character references bring back what the content file may not hold:
/// bidirectional controls are removed, control characters become U+FFFD.
@Suite struct MarkdownControlReferenceTests {
    @Test func referencesToControlsReachNeitherHTMLNorText() {
        let references = ["&#x202E;", "&#x202A;", "&#x2066;", "&#x2069;", "&#8238;", "&#1;", "&#x1B;", "&#x7F;", "&#x85;"]
        #expect(!references.isEmpty)
        for reference in references {
            let document = MarkdownDocument("# Titre \(reference)x\n\nUn \(reference)texte `co\(reference)de` [lien](/a \"t\(reference)\")\n\n    bloc \(reference)\n")
            for text in [document.html(), document.plainText, document.summary()] + document.headings.map(\.text) {
                let bad = text.unicodeScalars.first { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                    || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
                #expect(bad == nil, "\(reference): \(text.debugDescription)")
            }
            #expect(document.html().contains("texte"))
        }
    }
}
