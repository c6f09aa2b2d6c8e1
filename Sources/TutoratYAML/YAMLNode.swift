import TutoratCore

/// A position in the YAML text, as people count: line and column start at 1.
/// The column counts characters (Unicode scalars), not bytes, so `é` is one column.
public struct YAMLMark: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (a: YAMLMark, b: YAMLMark) -> Bool { (a.line, a.column) < (b.line, b.column) }

    /// The place in a content file. `lineOffset` is the number of lines before the
    /// YAML text in that file (1 for front matter that follows a `---` line).
    public func location(in file: String, lineOffset: Int = 0) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }
}

/// How a scalar was written. Decoders use it to tell `"yes"` (text) from `yes`.
public enum YAMLScalarStyle: Hashable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a parsed YAML document, with where it starts in the text.
public struct YAMLNode: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case scalar(String, YAMLScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind
    /// Where the node starts (for a quoted scalar, its opening quote).
    public var mark: YAMLMark
    /// The explicit tag, if one was written. Standard tags are given in their
    /// short form (`!!str`, `!!int`); local tags as written (`!thing`).
    public var tag: String?

    public init(kind: Kind, mark: YAMLMark, tag: String? = nil) {
        self.kind = kind
        self.mark = mark
        self.tag = tag
    }

    /// The text if the node is a scalar (whatever its style), else nil.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The style if the node is a scalar, else nil.
    public var scalarStyle: YAMLScalarStyle? {
        if case .scalar(_, let style) = kind { return style }
        return nil
    }

    /// True for a plain, untagged scalar `""`, `~`, `null`, `Null` or `NULL`, and for
    /// any scalar tagged `!!null`. A quoted `"null"` or `!!str null` is text, not null.
    public var isNull: Bool {
        guard case .scalar(let text, let style) = kind else { return false }
        if let tag { return tag == "!!null" }
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// What the node is, for error messages: "a text", "a list" or "a mapping".
    public var kindName: String {
        switch kind {
        case .scalar: return "a text"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// For a mapping, the value of the first pair whose key is the scalar `key`;
    /// nil when the node is not a mapping or has no such key.
    public func value(forKey key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = kind else { return nil }
        for pair in pairs {
            if case .scalar(let text, _) = pair.key.kind, text == key { return pair.value }
        }
        return nil
    }

    /// For a mapping, the pair whose key is the scalar `key` (to point at the key
    /// itself in a diagnostic); nil otherwise.
    public func pair(forKey key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = kind else { return nil }
        for pair in pairs {
            if case .scalar(let text, _) = pair.key.kind, text == key { return pair }
        }
        return nil
    }
}

/// One `key: value` entry of a mapping. The reader guarantees keys are scalars.
public struct YAMLPair: Equatable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}

/// Why a YAML text could not be read, and where.
public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var mark: YAMLMark

    public var description: String { "\(mark): \(message)" }

    /// The error as an `E-YAML` diagnostic in `file`; `lineOffset` as for
    /// `YAMLMark.location(in:lineOffset:)`.
    public func diagnostic(file: String, lineOffset: Int = 0) -> Diagnostic {
        .error("E-YAML", message, at: mark.location(in: file, lineOffset: lineOffset))
    }
}
