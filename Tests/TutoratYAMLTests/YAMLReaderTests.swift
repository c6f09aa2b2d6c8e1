import Testing
import TutoratCore
@testable import TutoratYAML

/// Parses text that must hold a document.
private func parse(_ text: String, maxDepth: Int = 64, maxBytes: Int = 1 << 20) throws -> YAMLNode {
    let node = try YAMLReader.parse(text, maxDepth: maxDepth, maxBytes: maxBytes)
    return try #require(node)
}

/// The error the reader throws for `text`, or nil when it does not throw.
private func error(_ text: String, maxDepth: Int = 64, maxBytes: Int = 1 << 20) -> YAMLError? {
    do {
        _ = try YAMLReader.parse(text, maxDepth: maxDepth, maxBytes: maxBytes)
        return nil
    } catch {
        return error
    }
}

private func mark(_ line: Int, _ column: Int) -> YAMLMark { YAMLMark(line: line, column: column) }

// MARK: - Trees and marks

@Test func nestedBlockMappingAndSequenceHaveMarks() throws {
    let root = try parse("""
    title: Intro
    tutor:
      name: Marie
      levels:
        - cp
        - ce1
    """)
    #expect(root.mark == mark(1, 1))
    #expect(root.mapping?.count == 2)
    #expect(root.value(forKey: "title")?.scalar == "Intro")
    #expect(root.value(forKey: "title")?.mark == mark(1, 8))

    let tutor = try #require(root.value(forKey: "tutor"))
    #expect(tutor.kindName == "a mapping")
    #expect(tutor.mark == mark(3, 3))
    let name = try #require(tutor.value(forKey: "name"))
    #expect(name.scalar == "Marie")
    #expect(name.mark == mark(3, 9))

    let levels = try #require(tutor.value(forKey: "levels"))
    #expect(levels.kindName == "a list")
    #expect(levels.mark == mark(5, 5))
    let items = try #require(levels.sequence)
    #expect(items.map(\.scalar) == ["cp", "ce1"])
    #expect(items.map(\.mark) == [mark(5, 7), mark(6, 7)])
    #expect(items[1].kindName == "a text")

    // Keys keep their own marks, so a decoder can point at an unknown field.
    let keys = try #require(tutor.mapping).map(\.key)
    #expect(keys.map(\.scalar) == ["name", "levels"])
    #expect(keys.map(\.mark) == [mark(3, 3), mark(4, 3)])
    #expect(tutor.pair(forKey: "levels")?.key.mark == mark(4, 3))
}

@Test func flowStyleMarks() throws {
    let root = try parse("{a: 1, b: [x, y]}")
    #expect(root.mark == mark(1, 1))
    let pairs = try #require(root.mapping)
    #expect(pairs.map(\.key.scalar) == ["a", "b"])
    #expect(pairs.map(\.key.mark) == [mark(1, 2), mark(1, 8)])
    #expect(pairs[0].value.scalar == "1")
    #expect(pairs[0].value.mark == mark(1, 5))
    let list = pairs[1].value
    #expect(list.mark == mark(1, 11))
    #expect(list.sequence?.map(\.scalar) == ["x", "y"])
    #expect(list.sequence?.map(\.mark) == [mark(1, 12), mark(1, 15)])
}

@Test func valueForKeyAndAccessorsOnOtherKinds() throws {
    let root = try parse("a: 1\nb: [2]\n")
    #expect(root.value(forKey: "missing") == nil)
    #expect(root.scalar == nil)
    #expect(root.sequence == nil)
    let list = try #require(root.value(forKey: "b"))
    #expect(list.value(forKey: "a") == nil) // not a mapping
    #expect(list.mapping == nil)
    #expect(list.scalar == nil)
    #expect(root.value(forKey: "a")?.sequence == nil)
    #expect(root.value(forKey: "a")?.scalarStyle == .plain)
}

@Test func scalarStyles() throws {
    let root = try parse("""
    plain: one two
    single: 'it''s'
    double: "tab\\there"
    literal: |
      line one
      line two
    folded: >
      folded
      text
    """)
    func kind(_ key: String) -> YAMLNode.Kind? { root.value(forKey: key)?.kind }
    #expect(kind("plain") == .scalar("one two", .plain))
    #expect(kind("single") == .scalar("it's", .singleQuoted))
    #expect(kind("double") == .scalar("tab\there", .doubleQuoted))
    #expect(kind("literal") == .scalar("line one\nline two\n", .literal))
    #expect(kind("folded") == .scalar("folded text", .folded)) // last line: no break to keep
    // A quoted scalar starts at its opening quote.
    #expect(root.value(forKey: "single")?.mark == mark(2, 9))
}

@Test func explicitTagsAreKeptInShortForm() throws {
    let root = try parse("a: !!str 1\nb: !local [x]\nc: 3\nd: !<tag:yaml.org,2002:int> 4\n")
    #expect(root.value(forKey: "a")?.tag == "!!str")
    #expect(root.value(forKey: "b")?.tag == "!local")
    #expect(root.value(forKey: "c")?.tag == nil)
    #expect(root.value(forKey: "d")?.tag == "!!int")
    #expect(root.tag == nil)
}

@Test func nullDetection() throws {
    let root = try parse("""
    empty:
    tilde: ~
    lower: null
    title: Null
    upper: NULL
    quoted: 'null'
    doubleQuoted: ""
    text: nul
    string: !!str null
    tagged: !!null whatever
    list: []
    """)
    for key in ["empty", "tilde", "lower", "title", "upper", "tagged"] {
        #expect(root.value(forKey: key)?.isNull == true, "\(key) should be null")
    }
    for key in ["quoted", "doubleQuoted", "text", "string", "list"] {
        #expect(root.value(forKey: key)?.isNull == false, "\(key) should not be null")
    }
    #expect(root.isNull == false)
}

@Test(arguments: ["", "   \n\n", "# only a comment\n\n# another\n", "\r\n"])
func emptyDocumentIsNil(_ text: String) throws {
    #expect(try YAMLReader.parse(text) == nil)
    #expect(try YAMLReader.parse(Array(text.utf8)) == nil)
}

// MARK: - Text

@Test func accentedTextRoundTripsAndColumnsCountCharacters() throws {
    let root = try parse("titre: Découverte\nniveau: élève en CE1 — été\n")
    #expect(root.value(forKey: "titre")?.scalar == "Découverte")
    #expect(root.value(forKey: "niveau")?.scalar == "élève en CE1 — été")

    let fromBytes = try #require(try YAMLReader.parse(Array("clé: «Découverte»".utf8)))
    #expect(fromBytes.value(forKey: "clé")?.scalar == "«Découverte»")

    // "{t: Décou, " is 11 characters but 12 bytes: the key after it is column 12.
    let flow = try parse("{t: Décou, n: 1}")
    #expect(flow.mapping?[1].key.mark == mark(1, 12))
}

@Test func crlfLineBreaksCountOnce() throws {
    let root = try parse("a: 1\r\nb:\r\n  c: x\r\n  d: y\r\n")
    #expect(root.value(forKey: "a")?.scalar == "1")
    let b = try #require(root.value(forKey: "b"))
    #expect(b.mark == mark(3, 3))
    #expect(b.value(forKey: "c")?.scalar == "x")
    #expect(b.value(forKey: "c")?.mark == mark(3, 6))
    #expect(b.value(forKey: "d")?.mark == mark(4, 6))

    let failure = error("a: 1\r\nb: 2\r\n  c: 3\r\n")
    #expect(failure?.mark == mark(3, 4))
}

@Test func bytesAndStringOverloadsAgree() throws {
    let text = "a: [1, {b: 'c'}]\nd: |\n  e\n"
    let fromString = try YAMLReader.parse(text)
    let fromBytes = try YAMLReader.parse(Array(text.utf8))
    #expect(fromString != nil)
    #expect(fromString == fromBytes)
}

// MARK: - Syntax errors

@Test func badIndentationOnLineThree() {
    let failure = error("a:\n  b: 1\n c: 2\n")
    #expect(failure == YAMLError(message: "did not find expected key while parsing a block mapping", mark: mark(3, 2)))
}

@Test func mappingValueInsidePlainScalarOnLineThree() {
    let failure = error("title: x\nlevel: cp\n  tutor: marie\n")
    #expect(failure == YAMLError(message: "mapping values are not allowed in this context", mark: mark(3, 8)))
}

@Test func tabIndentationIsAnError() {
    let failure = error("a:\n\tb: 1\n")
    #expect(failure?.mark == mark(2, 1))
    #expect(failure?.message == "found character that cannot start any token while scanning for the next token")
}

@Test func secondColonOnALineIsAnError() {
    let failure = error("title: Maths: fractions\n")
    #expect(failure == YAMLError(message: "mapping values are not allowed in this context", mark: mark(1, 13)))
}

@Test func unclosedFlowSequenceIsAnError() {
    let failure = error("a: [1, 2\nb: 3\n")
    #expect(failure?.message.contains("while parsing a flow sequence") == true)
    #expect(failure?.mark.line == 2)
}

@Test func invalidUTF8IsReportedAtItsPosition() {
    // "a: x\nb: é" then a stray 0xFF byte: line 2, after 4 characters (5 bytes).
    let bytes: [UInt8] = Array("a: x\nb: é".utf8) + [0xFF]
    do {
        _ = try YAMLReader.parse(bytes)
        Issue.record("invalid UTF-8 was accepted")
    } catch {
        #expect(error.mark == mark(2, 5))
        #expect(error.message.contains("UTF-8"))
    }
}

@Test func controlCharactersAreRefused() {
    let failure = error("a: b\u{1}\n")
    #expect(failure?.mark == mark(1, 5))
    #expect(failure?.message.contains("control characters") == true)
}

// MARK: - Refusals

@Test func aliasIsRefused() {
    let failure = error("a: 1\nb: *x\n")
    #expect(failure == YAMLError(message: "anchors and aliases are not supported in content", mark: mark(2, 4)))
}

@Test(arguments: [
    ("a: &x 1\n", YAMLMark(line: 1, column: 4)),
    ("a: 1\nb: &list [1, 2]\n", YAMLMark(line: 2, column: 4)),
    ("a:\n  - &map\n    b: 1\n", YAMLMark(line: 2, column: 5)),
])
func anchorIsRefused(_ text: String, _ expected: YAMLMark) {
    let failure = error(text)
    #expect(failure == YAMLError(message: "anchors and aliases are not supported in content", mark: expected))
}

@Test func billionLaughsIsRefusedAtTheFirstAnchor() {
    let text = """
    a: &a ["lol", "lol"]
    b: &b [*a, *a]
    c: &c [*b, *b]
    """
    #expect(error(text)?.mark == mark(1, 4))
}

@Test func nestingDepthIsCapped() throws {
    // root mapping (1) > a (2) > b (3): too deep for 2, fine for 3.
    let text = "a:\n  b:\n    c: 1\n"
    let failure = error(text, maxDepth: 2)
    #expect(failure?.mark == mark(3, 5))
    #expect(failure?.message.contains("nested more than 2 levels") == true)
    #expect(try parse(text, maxDepth: 3).value(forKey: "a")?.value(forKey: "b")?.value(forKey: "c")?.scalar == "1")

    // The default allows 64 levels and refuses 65.
    let deep64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    let deep65 = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(try YAMLReader.parse(deep64) != nil)
    #expect(error(deep65)?.mark == mark(1, 65))
}

@Test func hugeNestingFailsFastWithoutCrashing() {
    let text = String(repeating: "[", count: 200_000)
    #expect(error(text)?.mark == mark(1, 65))
}

@Test func inputSizeIsCapped() throws {
    let text = "a: 123456" // 9 bytes
    #expect(try parse(text, maxBytes: 9).value(forKey: "a")?.scalar == "123456")
    let failure = error(text, maxBytes: 8)
    #expect(failure?.mark == mark(1, 1))
    #expect(failure?.message.contains("at most 8") == true)

    // The default cap is 1 MiB, checked before parsing.
    let big = [UInt8](repeating: UInt8(ascii: "#"), count: (1 << 20) + 1)
    #expect(throws: YAMLError.self) { try YAMLReader.parse(big) }
    var fits = [UInt8](repeating: UInt8(ascii: "#"), count: 1 << 20)
    fits[fits.count - 1] = UInt8(ascii: "\n")
    #expect(try YAMLReader.parse(fits) == nil)
}

@Test func duplicateKeyIsReportedAtTheSecondOne() {
    #expect(error("a: 1\nb: 2\na: 3\n") == YAMLError(message: "duplicate key 'a'", mark: mark(3, 1)))
    #expect(error("x:\n  a: 1\n  a: 2\n") == YAMLError(message: "duplicate key 'a'", mark: mark(3, 3)))
    #expect(error("{a: 1, 'a': 2}") == YAMLError(message: "duplicate key 'a'", mark: mark(1, 8)))
}

@Test func duplicateKeyInALargeMapping() {
    // Past the linear-scan limit the reader switches to a set; duplicates are still found.
    var lines = (1...40).map { "key\($0): \($0)" }
    lines.append("key3: again")
    let failure = error(lines.joined(separator: "\n"))
    #expect(failure == YAMLError(message: "duplicate key 'key3'", mark: mark(41, 1)))
    lines.removeLast()
    #expect(error(lines.joined(separator: "\n")) == nil)
}

@Test func sameKeyInDifferentMappingsIsFine() throws {
    let root = try parse("name: a\ntutor:\n  name: b\nlist:\n  - name: c\n  - name: d\n")
    #expect(root.value(forKey: "tutor")?.value(forKey: "name")?.scalar == "b")
    #expect(root.value(forKey: "list")?.sequence?.compactMap { $0.value(forKey: "name")?.scalar } == ["c", "d"])
}

@Test func nonScalarKeysAreRefused() {
    let list = error("? [a, b]\n: c\n")
    #expect(list?.mark == mark(1, 3))
    #expect(list?.message == "a mapping key must be a text, not a list")
    let map = error("{{a: 1}: c}")
    #expect(map?.mark == mark(1, 2))
    #expect(map?.message == "a mapping key must be a text, not a mapping")
}

@Test func secondDocumentIsRefused() {
    let failure = error("a: 1\n---\nb: 2\n")
    #expect(failure?.mark == mark(2, 1))
    #expect(failure?.message.contains("only one YAML document") == true)
}

@Test func documentEndMarkerAloneIsFine() throws {
    #expect(try parse("a: 1\n...\n").value(forKey: "a")?.scalar == "1")
}

// MARK: - Diagnostics

@Test func errorBecomesADiagnosticInTheContentFile() {
    let failure = YAMLError(message: "duplicate key 'a'", mark: mark(3, 1))
    let diagnostic = failure.diagnostic(file: "content/tutees/marie.md", lineOffset: 1)
    #expect(diagnostic.code == "E-YAML")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location == SourceLocation(file: "content/tutees/marie.md", line: 4, column: 1))
    #expect(diagnostic.description == "content/tutees/marie.md:4:1: error: duplicate key 'a'")
}
