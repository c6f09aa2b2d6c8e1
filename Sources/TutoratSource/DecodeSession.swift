import TutoratCore
import TutoratYAML

/// The state of decoding one file: where its YAML starts in the file, and the
/// diagnostics found so far. Decoders report and carry on with what is usable.
final class DecodeSession {
    let file: String
    /// Added to YAML lines so they count from the top of the file.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    func location(of node: YAMLNode) -> SourceLocation { location(node.mark) }

    func error(_ code: String, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(.error(code, message, at: location, hint: hint))
    }

    func warning(_ code: String, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(.warning(code, message, at: location, hint: hint))
    }

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Parses YAML text; a syntax error is reported at its position in the file.
    /// Values are read as `ControlCharacters` says: a control character that
    /// an escape (`"\0"`, `"\x07"`) put in a value is an error at the value,
    /// and bidirectional controls are removed.
    func parse(_ yaml: [UInt8]) -> YAMLNode? {
        do {
            var root = try YAMLReader.parse(yaml)
            // Only an escape (`\` in a double-quoted value) or a bidirectional control
            // written as it is can put one in a value: without either, no value is walked.
            if let node = root, yaml.contains(UInt8(ascii: "\\")) || ControlCharacters.firstBidiControl(in: yaml) != nil,
               needsCleaning(node) {
                clean(&root!)
            }
            return root
        } catch {
            self.error("E-YAML", "invalid YAML: \(error.message)", at: location(error.mark),
                       hint: "check the indentation and quote values that contain ': ' or start with a special character")
            return nil
        }
    }

    /// A whole YAML file (`site.yml`, a framework): its control characters are
    /// reported at their place in the file before it is parsed.
    func parseFile(_ bytes: [UInt8]) -> YAMLNode? {
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        do {
            try FrontMatterSplitter.checkControlCharacters(text, file: file)
        } catch {
            report(error.diagnostic)
            return nil
        }
        if let bidi = ControlCharacters.firstBidiControl(in: text) {
            report(FrontMatterSplitter.bidiWarning(at: FrontMatterSplitter.position(of: bidi, in: text, file: file)))
        }
        return parse(bytes)
    }

    private func needsCleaning(_ node: YAMLNode) -> Bool {
        switch node.kind {
        case .scalar(let text, _):
            return ControlCharacters.firstForbidden(in: text.utf8) != nil || ControlCharacters.firstBidiControl(in: text.utf8) != nil
        case .sequence(let items): return items.contains { needsCleaning($0) }
        case .mapping(let pairs): return pairs.contains { needsCleaning($0.key) || needsCleaning($0.value) }
        }
    }

    private func clean(_ node: inout YAMLNode) {
        switch node.kind {
        case .scalar(let text, let style):
            if let bad = text.unicodeScalars.first(where: { ControlCharacters.isForbidden($0.value) }) {
                let what = bad.value == 0 ? "a NUL character (U+0000)" : "the control character \(ControlCharacters.name(bad.value))"
                error("E-CONTROL", "this value holds \(what), which is not text", at: location(of: node),
                      hint: "remove the escape that writes it ('\\0', '\\a', '\\x…', '\\u…') from the quoted text")
            }
            node.kind = .scalar(ControlCharacters.cleaned(text), style)
        case .sequence(var items):
            for index in items.indices where needsCleaning(items[index]) { clean(&items[index]) }
            node.kind = .sequence(items)
        case .mapping(var pairs):
            for index in pairs.indices {
                if needsCleaning(pairs[index].key) { clean(&pairs[index].key) }
                if needsCleaning(pairs[index].value) { clean(&pairs[index].value) }
            }
            node.kind = .mapping(pairs)
        }
    }

    /// The fields of a mapping, or nil (with an error) when the node is something else.
    func fields(_ node: YAMLNode, known: [String], what: String) -> Fields? {
        guard node.mapping != nil else {
            error("E-TYPE", "\(what) should be a mapping of fields, found \(node.kindName)", at: location(of: node))
            return nil
        }
        return Fields(session: self, node: node, known: known)
    }

    /// The top-level fields of a file; an empty front matter is an empty mapping.
    func rootFields(_ node: YAMLNode?, known: [String]) -> Fields? {
        guard let node else {
            return Fields(session: self, node: YAMLNode(kind: .mapping([]), mark: YAMLMark(line: 1, column: 1), tag: nil),
                          known: known, anchor: SourceLocation(file: file, line: 1, column: 1))
        }
        return fields(node, known: known, what: "the front matter")
    }
}
