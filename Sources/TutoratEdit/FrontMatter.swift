import TutoratYAML

/// A progress file's front matter as the planner reads it: its lines, its parsed
/// YAML (whose marks are lines of the file: YAML line n is file line n + 1), and
/// the file's indentation step and line break.
struct FrontMatter {
    let file: FileLines
    let fence: Int
    let root: YAMLNode
    let unit: Int
    var bytes: [UInt8] { file.bytes }
    var nl: String { file.newline }

    init(_ bytes: [UInt8]) throws(EditRefusal) {
        file = FileLines(bytes)
        guard let fence = file.closingFence, file.lines.count > 1 else { throw EditRefusal("the file has no front matter") }
        self.fence = fence
        let yaml = Array(bytes[file.lines[1].start..<file.lines[fence].start])
        let root: YAMLNode?
        do { root = try YAMLReader.parse(yaml) } catch { throw EditRefusal("the front matter cannot be read: \(error.message)") }
        guard let root, root.mapping != nil else { throw EditRefusal("the front matter is not a mapping") }
        self.root = root
        unit = EditPlanner.indentUnit(file, before: fence)
    }

    func pad(_ count: Int) -> String { String(repeating: " ", count: count) }

    /// The byte offset where a node starts.
    func offset(of node: YAMLNode) -> Int { file.offset(line: node.mark.line, column: node.mark.column) }

    /// True for a flow collection (`[…]`, `{…}`), false for a block one.
    func isFlow(_ node: YAMLNode) -> Bool {
        let start = offset(of: node)
        return start < bytes.count && (bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "{"))
    }

    /// The last line holding content of a block node that starts on `line` and whose
    /// lines are indented more than `indent` (blank lines and comments at the node's
    /// indentation or less after it excluded). A deeper line that starts with `#` is
    /// counted: it may be a line of a block scalar (`note: |`), a Markdown heading
    /// that an insertion before it would turn into a comment.
    func lastLine(from line: Int, deeperThan indent: Int) -> Int {
        var last = line
        var index = line + 1
        while index < fence {
            if file.isBlank(index) { index += 1; continue }
            if file.indent(index) <= indent {
                if file.isBlankOrComment(index) { index += 1; continue }
                break
            }
            last = index
            index += 1
        }
        return last
    }

    /// Inserts `text` (a flow item or pair) inside the flow collection `node`, after its last item.
    func insideFlow(_ node: YAMLNode, _ text: String, isEmpty: Bool, what: String) throws(EditRefusal) -> Insertion {
        let start = offset(of: node)
        guard let last = FlowScanner.lastSignificant(in: bytes, openingAt: start) else { throw EditRefusal("\(what) is not closed") }
        if isEmpty { return Insertion(offset: start + 1, text: text) }
        return Insertion(offset: last, text: bytes[last - 1] == UInt8(ascii: ",") ? " \(text)" : ", \(text)")
    }

    /// Adds the pair `key: value` (value already YAML flow text) at the end of the mapping
    /// `mapping`; `value` may be multi-line block text given as lines to indent under the key.
    func addPair(_ key: String, flow value: String, block lines: [String]? = nil, to mapping: YAMLNode) throws(EditRefusal) -> Insertion {
        if mapping == root {
            return Insertion(offset: file.lines[fence].start, text: blockPair(key, value, lines, indent: 0))
        }
        if isFlow(mapping) {
            return try insideFlow(mapping, "\(key): \(value)", isEmpty: mapping.mapping?.isEmpty ?? true, what: "a mapping")
        }
        let keyIndent = mapping.mark.column - 1
        let lastKeyLine = mapping.mapping?.last?.key.mark.line ?? mapping.mark.line
        let last = lastLine(from: lastKeyLine, deeperThan: keyIndent - 1)
        return Insertion(offset: file.lines[last].end, text: blockPair(key, value, lines, indent: keyIndent))
    }

    private func blockPair(_ key: String, _ value: String, _ lines: [String]?, indent: Int) -> String {
        guard let lines else { return "\(pad(indent))\(key): \(value)\(nl)" }
        return "\(pad(indent))\(key):\(nl)" + lines.map { "\(pad(indent + unit))\($0)\(nl)" }.joined()
    }

    /// Adds a scalar item (already YAML text) at the end of the list `key` of `mapping`.
    func appendScalar(_ item: String, toList key: String, in mapping: YAMLNode) throws(EditRefusal) -> Insertion {
        guard let pair = mapping.pair(forKey: key) else { return try addPair(key, flow: "[\(item)]", block: ["- \(item)"], to: mapping) }
        let value = pair.value
        if value.isNull {
            guard value.scalar == "", value.tag == nil, !isFlow(mapping)
            else { throw EditRefusal("'\(key)' is written as null: write an empty list '\(key): []' first") }
            return Insertion(offset: file.lines[pair.key.mark.line].end, text: "\(pad(pair.key.mark.column - 1 + unit))- \(item)\(nl)")
        }
        guard let items = value.sequence else { throw EditRefusal("'\(key)' should be a list, found \(value.kindName)") }
        if isFlow(value) { return try insideFlow(value, item, isEmpty: items.isEmpty, what: "the list '\(key)'") }
        guard let last = items.last else { throw EditRefusal("the list '\(key)' is empty") }
        let dash = file.indent(last.mark.line)
        return Insertion(offset: file.lines[lastLine(from: last.mark.line, deeperThan: dash)].end, text: "\(pad(dash))- \(item)\(nl)")
    }

    /// Adds an item (given as its pairs, values in YAML flow text) at the end of the list
    /// `key` of `mapping`, creating the list when the mapping has none.
    func appendItem(_ pairs: [(String, String)], toList key: String, in mapping: YAMLNode) throws(EditRefusal) -> Insertion {
        let flow = "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        guard let pair = mapping.pair(forKey: key) else {
            return try addPair(key, flow: "[\(flow)]", block: ["- \(flow)"], to: mapping)
        }
        let value = pair.value
        if value.isNull {
            guard value.scalar == "", value.tag == nil, !isFlow(mapping)
            else { throw EditRefusal("'\(key)' is written as null: write an empty list '\(key): []' first") }
            let keyLine = pair.key.mark.line
            return Insertion(offset: file.lines[keyLine].end, text: "\(pad(pair.key.mark.column - 1 + unit))- \(flow)\(nl)")
        }
        guard let items = value.sequence else { throw EditRefusal("'\(key)' should be a list, found \(value.kindName)") }
        if isFlow(value) { return try insideFlow(value, flow, isEmpty: items.isEmpty, what: "the list '\(key)'") }
        guard let item = items.last else { throw EditRefusal("the list '\(key)' is empty") }
        let dash = file.indent(item.mark.line)
        let last = lastLine(from: item.mark.line, deeperThan: dash)
        let text: String
        if item.mapping != nil, !isFlow(item) {
            let keyPad = pad(max(2, item.mark.column - 1 - dash))
            text = pairs.enumerated().map { index, pair in
                (index == 0 ? pad(dash) + "-" + String(keyPad.dropFirst()) : pad(dash) + keyPad) + "\(pair.0): \(pair.1)" + nl
            }.joined()
        } else {
            text = "\(pad(dash))- \(flow)\(nl)"
        }
        return Insertion(offset: file.lines[last].end, text: text)
    }
}
