@testable import TutoratLanguage
import Testing
@testable import TutoratExports
@testable import TutoratViews

/// The exports and `Strings.format` write bytes; their rules were written over
/// Characters. These tests hold the byte writers to the Character rules on the
/// texts where the two could part: combining marks after or before the
/// characters the rules act on, CR LF, quotes, formulas, long lines, emoji.
@Suite struct ByteTextTests {
    /// Pieces that, glued together, make the tricky cases.
    static let pieces = [
        "", "a", "é", "e\u{301}", "\u{301}", "\u{300}", "\u{200D}", "\u{600}", "\u{903}", "\u{202F}", "\u{200C}", "\u{20D0}", "\u{1F3FB}", "👩‍⚕️", "🇫🇷", "’", "·", "—",
        ";", ",", "\\", "\"", "\n", "\r", "\r\n", "=", "+", "-", "@", "'", "{", "}", "{0}", "{1}", "{10}", "{01}", "0", "1",
        " ", "\t", "\u{A0}", "\u{3000}", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "Point hebdomadaire 1", String(repeating: "x", count: 70), String(repeating: "é", count: 40),
    ]

    /// Every text of one to three pieces (about 60 000).
    static var texts: [String] {
        var texts: [String] = []
        for a in pieces {
            texts.append(a)
            for b in pieces {
                texts.append(a + b)
                for c in pieces where a.utf8.count + b.utf8.count < 20 { texts.append(a + b + c) }
            }
        }
        return texts
    }

    @Test func csvFieldsMatchTheCharacterRules() {
        for text in Self.texts {
            var writer = EvidenceExport.CSVWriter()
            writer.field(text)
            let bytes = String(decoding: writer.bytes, as: UTF8.self)
            #expect(bytes == EvidenceExport.field(text), "\(Array(text.unicodeScalars))")
        }
        // A CSV reader reads scalars: a comma or a quote that an accent follows still splits or ends a field.
        #expect(EvidenceExport.field(",\u{301}") == "\",\u{301}\"", "a comma with an accent is quoted")
        #expect(EvidenceExport.field("a\"\u{301}b") == "\"a\"\"\u{301}b\"", "a quote with an accent is doubled")
    }

    @Test func calendarTextMatchesEscapeThenFold() {
        for text in Self.texts {
            var writer = CalendarExport.ICSWriter()
            writer.raw("SUMMARY:")
            writer.escaped(text)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == CalendarExport.fold("SUMMARY:" + CalendarExport.escape(text)),
                    "\(Array(text.unicodeScalars))")
        }
        #expect(CalendarExport.escape(";\u{301}") == ";\u{301}", "a semicolon with an accent is one Character, not a semicolon")
    }

    @Test func placeholdersMatchTheCharacterRules() {
        let templates = Self.texts.filter { $0.contains("{") } + ["{0} : pas de séance depuis {1} jours (rythme : {2} jours)", "{0} %"]
        let arguments = [["x", "y", "z"], ["Tutoré 0", "94", "14"], ["1}", "2", ""], ["\u{301}a", "b\u{600}", "{0}"], ["é", "’", "—"], ["\u{202F}x\u{200D}", "\u{20D0}", "a\u{200C}"]]
        for template in templates {
            for argument in arguments {
                #expect(Strings.fill(template, argument) == Strings.fillByCharacters(template, argument),
                        "\(Array(template.unicodeScalars)) \(argument)")
            }
        }
        #expect(Strings.fill("{{0}}", ["1", "deux"]) == "deux", "an argument can complete a placeholder, as before")
    }
}
