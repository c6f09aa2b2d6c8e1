/// A Mustache template compiled once into a tree of literal bytes and lookups.
///
/// The parser follows swift-mustache's reading of the Mustache specification
/// line for line (standalone tags, partial indentation, parents and blocks,
/// transforms such as `empty(list)`), because swift-mustache stays the
/// reference for what a theme means: the tests render every page with both and
/// compare the bytes. Set delimiters, pragmas, lambdas and dynamic partials are
/// refused with a positioned error rather than half supported.
public struct CompiledTemplate: Sendable {
    /// As parsed: these own the tags and the text.
    let nodes: [TemplateNode]
    /// The same nodes without a counted reference: rendering reads them in place.
    /// Every page of a build goes through the same tags on every core at once, and
    /// counting references to them (an atomic add on a line all cores share) was a
    /// tenth of a build. `nodes` and `text` keep what this points to alive.
    let plan: [RenderNode]
    private let text: TextStorage

    init(nodes: [TemplateNode]) {
        self.nodes = nodes
        let text = TextStorage(nodes.reduce(0) { total, node in if case .text(let bytes) = node { total + bytes.count } else { total } })
        plan = nodes.map { node in
            switch node {
            case .text(let bytes): .text(text.store(bytes))
            case .variable(let tag): .variable(Unmanaged.passUnretained(tag))
            case .section(let tag): .section(Unmanaged.passUnretained(tag))
            case .partial(let tag): .partial(Unmanaged.passUnretained(tag))
            case .block(let tag): .block(Unmanaged.passUnretained(tag))
            case .blockDefinition: .nothing
            }
        }
        self.text = text
    }
}

/// A node as parsed. Tags are classes: the render plan points at them, uncounted.
enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(VariableTag)
    case section(SectionTag)
    case partial(PartialTag)
    case block(BlockTag)
    /// Only inside a parent (`{{<layout}}`): collected into its overrides.
    case blockDefinition(String, CompiledTemplate)
}

final class VariableTag: Sendable {
    let path: TemplatePath
    let escaped: Bool
    init(_ path: TemplatePath, escaped: Bool) {
        self.path = path
        self.escaped = escaped
    }
}

final class SectionTag: Sendable {
    let path: TemplatePath
    let inverted: Bool
    let body: CompiledTemplate
    init(_ path: TemplatePath, inverted: Bool, body: CompiledTemplate) {
        self.path = path
        self.inverted = inverted
        self.body = body
    }
}

final class PartialTag: Sendable {
    let name: String
    /// Nil for a partial inside a line, whose output is not re-indented.
    let indentation: [UInt8]?
    /// A parent's blocks (`{{<layout}}{{$main}}...{{/main}}{{/layout}}`).
    let overrides: [String: CompiledTemplate]?
    init(_ name: String, indentation: [UInt8]?, overrides: [String: CompiledTemplate]?) {
        self.name = name
        self.indentation = indentation
        self.overrides = overrides
    }
}

final class BlockTag: Sendable {
    let name: String
    let fallback: CompiledTemplate
    let indentation: [UInt8]
    init(_ name: String, fallback: CompiledTemplate, indentation: [UInt8]) {
        self.name = name
        self.fallback = fallback
        self.indentation = indentation
    }
}

/// What a tag reads: `name`, `a.b`, `.`, `.name`, or transforms over them
/// (`empty(alerts)`, `first()` on the position in a list).
/// A class, read in place by the renderer: as a struct of three arrays it cost
/// six reference-count operations at every tag rendered.
final class TemplatePath: Sendable, Equatable {
    enum Start: Sendable, Equatable {
        /// `.`: the current object.
        case current
        /// `.name`: a field of the current object only.
        case currentOnly
        /// `name`: the first object up the stack that has it.
        case stack
        /// `first()` and the like with no name: the position in the list being rendered.
        case position
    }
    let start: Start
    let names: [TemplateName]
    /// In the order they apply: `a(b(x))` applies `b` then `a`.
    let transforms: [String]
    /// The text of the tag, to match a section's closing tag.
    let source: String
    /// The common case, `{{name}}`: one name looked up the stack, nothing applied.
    let single: TemplateName?

    init(start: Start, names: [TemplateName], transforms: [String], source: String) {
        (self.start, self.names, self.transforms, self.source) = (start, names, transforms, source)
        single = start == .stack && names.count == 1 && transforms.isEmpty ? names[0] : nil
    }

    static func == (a: TemplatePath, b: TemplatePath) -> Bool {
        (a.start, a.names, a.transforms, a.source) == (b.start, b.names, b.transforms, b.source)
    }
}

public struct TemplateSyntaxError: Error, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

package struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    private let open: [UInt8] = Array("{{".utf8)
    private let close: [UInt8] = Array("}}".utf8)

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: [UInt8]?

        func section(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func parent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    package static func compile(_ text: String) throws(TemplateSyntaxError) -> CompiledTemplate {
        var parser = TemplateParser(bytes: Array(text.utf8))
        do {
            return CompiledTemplate(nodes: try parser.parse(State()))
        } catch let failure as Failure {
            let (line, column) = parser.lineAndColumn()
            throw TemplateSyntaxError(message: failure.message, line: line, column: column)
        } catch {
            throw TemplateSyntaxError(message: "\(error)", line: 1, column: 1)
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private struct Failure: Error { var message: String }

    private var atEnd: Bool { position >= bytes.count }

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while !atEnd {
            if state.newLine {
                let whiteSpace = read { $0 == 0x20 || $0 == 0x09 }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // Lines inside a block of a parent lose the block's own indentation.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilTagOrNewline()
            let newline = lineBreakLength(at: position)
            if newline > 0 {
                nodes.append(.text(whiteSpaceBefore + text + bytes[position..<position + newline]))
                state.newLine = true
                position += newline
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            let sigil = bytes[position]
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                position += 1
                let path = try readPath()
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let body = try parse(state.section(path.source, newLine: setNewLine))
                nodes.append(.section(SectionTag(path, inverted: sigil == UInt8(ascii: "^"), body: CompiledTemplate(nodes: body))))

            case UInt8(ascii: "/"):
                position += 1
                let start = position
                let path = try readPath()
                guard path.source == state.sectionName else {
                    position = start
                    throw Failure(message: state.sectionName.map { "expected {{/\($0)}} to close the section" }
                                  ?? "{{/\(path.source)}} closes no section")
                }
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(close, from: position) else { throw Failure(message: "unfinished comment") }
                position = end + close.count
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                position += 1
                let path = try readPath()
                if sigil == UInt8(ascii: "{") {
                    guard !atEnd, bytes[position] == UInt8(ascii: "}") else { throw Failure(message: "expected }}} after the name") }
                    position += 1
                }
                nodes.append(.variable(VariableTag(path, escaped: false)))

            case UInt8(ascii: ">"):
                position += 1
                _ = read(while: Self.isWhiteSpace)
                if !atEnd, bytes[position] == UInt8(ascii: "*") { throw Failure(message: "dynamic partials are not supported") }
                let name = try readPartialName()
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(PartialTag(name, indentation: whiteSpaceBefore, overrides: nil)))
                } else {
                    nodes.append(.partial(PartialTag(name, indentation: nil, overrides: nil)))
                }
                whiteSpaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                _ = read(while: Self.isWhiteSpace)
                let name = try readPartialName()
                if name.first == "*" { throw Failure(message: "dynamic parents are not supported") }
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                var overrides: [String: CompiledTemplate] = [:]
                for node in try parse(state.parent(name)) {
                    switch node {
                    case .blockDefinition(let block, let template): overrides[block] = template
                    case .text: break
                    default: throw Failure(message: "only {{$block}} definitions may appear inside {{<\(name)}}")
                    }
                }
                nodes.append(.partial(PartialTag(name, indentation: whiteSpaceBefore, overrides: overrides)))
                whiteSpaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let path = try readPath()
                guard path.transforms.isEmpty else { throw Failure(message: "a block cannot have transforms") }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.section(path.source, newLine: setNewLine))
                    nodes.append(.blockDefinition(path.source, CompiledTemplate(nodes: body)))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.section(path.source, newLine: setNewLine))
                    nodes.append(.block(BlockTag(path.source, fallback: CompiledTemplate(nodes: body), indentation: whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }

            case UInt8(ascii: "="):
                throw Failure(message: "set delimiters ({{=...=}}) are not supported")

            case UInt8(ascii: "%"):
                throw Failure(message: "pragmas ({{%...}}) are not supported")

            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                nodes.append(.variable(VariableTag(try readPath(), escaped: true)))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName { throw Failure(message: "{{\(open)}} is never closed") }
        return nodes
    }

    // MARK: Reading

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        default:
            return false
        }
    }

    private mutating func read(while accept: (UInt8) -> Bool) -> [UInt8] {
        let start = position
        while position < bytes.count, accept(bytes[position]) { position += 1 }
        return Array(bytes[start..<position])
    }

    /// Where text is cut into lines: LF or CRLF only, as swift-mustache does.
    private func lineBreakLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == 0x0A { return 1 }
        return bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 0
    }

    /// What ends a standalone tag's line: any newline of `Character.isNewline`, CRLF as one.
    private func newlineLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// Text up to a newline (left unread) or an opening `{{` (read).
    private mutating func readUntilTagOrNewline() throws -> [UInt8] {
        let start = position
        while position < bytes.count {
            if lineBreakLength(at: position) > 0 { return Array(bytes[start..<position]) }
            if bytes[position] == open[0] {
                guard position + open.count <= bytes.count else { throw Failure(message: "unexpected end of template after {") }
                if bytes[position + 1] == open[1] {
                    let text = Array(bytes[start..<position])
                    position += open.count
                    return text
                }
            }
            position += 1
        }
        return Array(bytes[start..<position])
    }

    private mutating func expectClose() throws {
        _ = read(while: Self.isWhiteSpace)
        guard position + close.count <= bytes.count, bytes[position] == close[0], bytes[position + 1] == close[1] else {
            throw Failure(message: "expected }} after the name")
        }
        position += close.count
    }

    private mutating func readPartialName() throws -> String {
        let name = read { Self.isNameByte($0) || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "/") }
        try expectClose()
        return String(decoding: name, as: UTF8.self)
    }

    private mutating func readPath() throws -> TemplatePath {
        _ = read(while: Self.isWhiteSpace)
        let source = String(decoding: read { Self.isNameByte($0) || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }, as: UTF8.self)
        try expectClose()
        // `a(b(name))`: transforms outside in, then the name, then one `)` per transform.
        var transforms: [String] = []
        var rest = Substring(source)
        while let paren = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<paren]))
            rest = rest[rest.index(after: paren)...]
        }
        var name = rest
        if !transforms.isEmpty {
            guard name.hasSuffix(String(repeating: ")", count: transforms.count)) else { throw Failure(message: "unbalanced brackets in '\(source)'") }
            name = name.dropLast(transforms.count)
            guard !name.contains(")"), !transforms.contains(where: { $0.contains(")") }) else {
                throw Failure(message: "unbalanced brackets in '\(source)'")
            }
        }
        let start: TemplatePath.Start
        var names: [TemplateName]
        if name == "." {
            start = .current
            names = []
        } else if name.isEmpty, !transforms.isEmpty {
            start = .position
            names = []
        } else {
            start = name.first == "." ? .currentOnly : .stack
            names = name.split(separator: ".").map { TemplateName(String($0)) }
            if names.isEmpty, start == .stack { return TemplatePath(start: .current, names: [], transforms: [], source: source) }
        }
        return TemplatePath(start: start, names: names, transforms: transforms.reversed(), source: source)
    }

    /// A tag alone on its line: the rest of the line (blanks and the newline) goes with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var index = position
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let newline = newlineLength(at: index)
        guard newline > 0 else { return false }
        position = index + newline
        return true
    }

    private func lineAndColumn() -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
