import CYaml

/// Reads one YAML document (front matter) into a `YAMLNode` tree, using libyaml's
/// event parser. Deliberately small and strict: anchors and aliases are refused
/// (no "billion laughs"), nesting and input size are capped, mapping keys must be
/// scalars and may not repeat.
public enum YAMLReader {
    /// Parses one YAML document. Returns nil for an empty document (only
    /// whitespace and comments). Throws for syntax errors, for more than one
    /// document, for anchors and aliases, for collections nested deeper than
    /// `maxDepth`, for input larger than `maxBytes`, and for bad mapping keys.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64, maxBytes: Int = 1 << 20) throws(YAMLError) -> YAMLNode? {
        let result = bytes.withUnsafeBufferPointer { buffer in
            parse(buffer: buffer, maxDepth: maxDepth, maxBytes: maxBytes)
        }
        return try result.get()
    }

    /// Same as `parse(_:maxDepth:maxBytes:)` for bytes, reading the text's UTF-8
    /// in place.
    public static func parse(_ text: String, maxDepth: Int = 64, maxBytes: Int = 1 << 20) throws(YAMLError) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { buffer in
            parse(buffer: buffer, maxDepth: maxDepth, maxBytes: maxBytes)
        }
        return try result.get()
    }

    /// The parser proper. Works on borrowed bytes, which must stay valid for the
    /// whole call (libyaml reads them lazily).
    static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxBytes: Int) -> Result<YAMLNode?, YAMLError> {
        if buffer.count > maxBytes {
            return .failure(YAMLError(message: "the YAML text is \(buffer.count) bytes long; at most \(maxBytes) are allowed",
                                      mark: YAMLMark(line: 1, column: 1)))
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(nil) }

        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return .failure(YAMLError(message: "out of memory", mark: YAMLMark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, base, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var builder = TreeBuilder(maxDepth: maxDepth)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                return .failure(parserError(&parser, buffer: buffer))
            }
            let done = event.type == YAML_STREAM_END_EVENT
            let outcome = builder.handle(&event)
            yaml_event_delete(&event)
            if let error = outcome { return .failure(error) }
            if done { break }
        }
        return .success(builder.root)
    }

    /// The error libyaml stopped on: its problem, then its context ("did not find
    /// expected key while parsing a block mapping"), at the problem's position.
    private static func parserError(_ parser: inout yaml_parser_t, buffer: UnsafeBufferPointer<UInt8>) -> YAMLError {
        var message = parser.problem.map { String(cString: $0) } ?? "the YAML text could not be read"
        if let context = parser.context {
            message += " " + String(cString: context)
        }
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "out of memory", mark: YAMLMark(line: 1, column: 1))
        case YAML_READER_ERROR:
            // The reader reports a byte offset, not a mark (e.g. invalid UTF-8).
            if parser.problem_value != -1 {
                let hex = String(UInt32(bitPattern: parser.problem_value), radix: 16, uppercase: true)
                message += " (byte 0x" + (hex.count < 2 ? "0" + hex : hex) + ")"
            }
            return YAMLError(message: message, mark: mark(ofByteOffset: Int(parser.problem_offset), in: buffer))
        default:
            return YAMLError(message: message, mark: mark(parser.problem_mark))
        }
    }

    @inline(__always)
    static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Line and column (in characters) of a byte offset, counting line breaks as
    /// libyaml does (`\r\n`, `\r` and `\n`). Only used on the error path.
    static func mark(ofByteOffset offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, buffer.count)
        while index < end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1 // not a UTF-8 continuation byte: a new character
            }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }
}

/// Turns the event stream into a tree with an explicit stack of open collections.
private struct TreeBuilder {
    struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var tag: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Keys seen so far, built only once a mapping is large enough for a
        /// linear scan to cost more than hashing.
        var keySet: Set<String>?
    }

    static let linearKeyScanLimit = 16

    let maxDepth: Int
    var stack: [Frame] = []
    var root: YAMLNode?
    var documents = 0

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
        stack.reserveCapacity(8)
    }

    /// Handles one event; returns the error that stops reading, if any.
    mutating func handle(_ event: inout yaml_event_t) -> YAMLError? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            if data.anchor != nil { return anchorError(event.start_mark) }
            let text: String
            if let value = data.value, data.length > 0 {
                text = String(decoding: UnsafeBufferPointer(start: value, count: data.length), as: UTF8.self)
            } else {
                text = ""
            }
            let style: YAMLScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = YAMLNode(kind: .scalar(text, style), mark: YAMLReader.mark(event.start_mark), tag: Self.tag(data.tag))
            return attach(node)

        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return open(isMapping: false, anchor: data.anchor, tag: data.tag, at: event.start_mark)

        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return open(isMapping: true, anchor: data.anchor, tag: data.tag, at: event.start_mark)

        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            // libyaml balances start and end events, so the stack is never empty here.
            let frame = stack.removeLast()
            let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            return attach(YAMLNode(kind: kind, mark: frame.mark, tag: frame.tag))

        case YAML_ALIAS_EVENT:
            return anchorError(event.start_mark)

        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return YAMLError(message: "only one YAML document is allowed; a second one starts here",
                                 mark: YAMLReader.mark(event.start_mark))
            }
            return nil

        default: // stream start/end, document end
            return nil
        }
    }

    private mutating func open(isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?,
                               tag: UnsafeMutablePointer<yaml_char_t>?, at start: yaml_mark_t) -> YAMLError? {
        let mark = YAMLReader.mark(start)
        if anchor != nil { return anchorError(start) }
        // Read in place: `stack.last` would copy the frame with its arrays.
        if let top = stack.indices.last, stack[top].isMapping, stack[top].pendingKey == nil {
            return YAMLError(message: "a mapping key must be a text, not \(isMapping ? "a mapping" : "a list")", mark: mark)
        }
        if stack.count >= maxDepth {
            return YAMLError(message: "the YAML is nested more than \(maxDepth) levels deep", mark: mark)
        }
        stack.append(Frame(isMapping: isMapping, mark: mark, tag: Self.tag(tag)))
        return nil
    }

    /// Adds a finished node to the innermost open collection (or makes it the root).
    private mutating func attach(_ node: YAMLNode) -> YAMLError? {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return nil
        }
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pendingKey = nil
            stack[top].pairs.append(YAMLPair(key: key, value: node))
        } else {
            // Collections in key position are refused in `open`, so this is a scalar.
            guard case .scalar(let text, _) = node.kind else {
                return YAMLError(message: "a mapping key must be a text, not \(node.kindName)", mark: node.mark)
            }
            if isDuplicate(text, in: &stack[top]) {
                return YAMLError(message: "duplicate key '\(text)'", mark: node.mark)
            }
            stack[top].pendingKey = node
        }
        return nil
    }

    private func isDuplicate(_ key: String, in frame: inout Frame) -> Bool {
        if frame.keySet == nil, frame.pairs.count < Self.linearKeyScanLimit {
            for pair in frame.pairs where pair.key.scalar == key { return true }
            return false
        }
        if frame.keySet == nil {
            var keys = Set<String>(minimumCapacity: frame.pairs.count * 2)
            for pair in frame.pairs { if let text = pair.key.scalar { keys.insert(text) } }
            frame.keySet = keys
        }
        return !frame.keySet!.insert(key).inserted
    }

    private func anchorError(_ start: yaml_mark_t) -> YAMLError {
        YAMLError(message: "anchors and aliases are not supported in content", mark: YAMLReader.mark(start))
    }

    /// A tag as written: `tag:yaml.org,2002:str` (how libyaml resolves `!!str`)
    /// becomes `!!str` again.
    static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        let full = String(cString: pointer)
        let standard = "tag:yaml.org,2002:"
        if full.hasPrefix(standard) { return "!!" + full.dropFirst(standard.count) }
        return full
    }
}
