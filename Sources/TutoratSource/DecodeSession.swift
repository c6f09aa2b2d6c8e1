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
    func parse(_ yaml: [UInt8]) -> YAMLNode? {
        do {
            return try YAMLReader.parse(yaml)
        } catch {
            self.error("E-YAML", "invalid YAML: \(error.message)", at: location(error.mark),
                       hint: "check the indentation and quote values that contain ': ' or start with a special character")
            return nil
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
