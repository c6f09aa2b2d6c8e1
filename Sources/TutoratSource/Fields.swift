import TutoratCore
import TutoratYAML

/// Typed access to one YAML mapping. Each accessor reports a precise diagnostic
/// (wrong type, bad date, value outside a list) at the value's position and
/// returns nil, so the caller can go on. Keys outside `known` are kept as
/// `extra`; a key one or two typos away from a known one gets a warning.
struct Fields {
    let session: DecodeSession
    /// Where "missing field" errors point: the start of the mapping.
    let anchor: SourceLocation
    /// The known fields as written, in order. A mapping holds a handful of
    /// fields (a record three or four): a scan costs less than a dictionary.
    private var values: [(key: String, pair: YAMLPair)] = []
    private(set) var extra: [String: ExtraValue] = [:]

    init(session: DecodeSession, node: YAMLNode, known: [String], anchor: SourceLocation? = nil) {
        self.session = session
        self.anchor = anchor ?? session.location(of: node)
        for pair in node.mapping ?? [] {
            guard let key = pair.key.scalar else { continue }
            if known.contains(key) {
                values.append((key, pair))
            } else {
                extra[key] = Fields.extraValue(pair.value)
                if let suggestion = Suggestion.closest(to: key, among: known) {
                    session.warning("W-FIELD", "unknown field '\(key)' (did you mean '\(suggestion)'?)",
                                    at: session.location(of: pair.key))
                }
            }
        }
    }

    static func extraValue(_ node: YAMLNode) -> ExtraValue {
        switch node.kind {
        case .scalar(let text, _): return .text(text)
        case .sequence(let items): return .list(items.map(extraValue))
        case .mapping(let pairs):
            var map: [String: ExtraValue] = [:]
            for pair in pairs { if let key = pair.key.scalar { map[key] = extraValue(pair.value) } }
            return .map(map)
        }
    }

    /// The pair of a known key (the last one, as a dictionary would keep; the
    /// YAML reader refuses repeated keys anyway).
    private func pair(_ key: String) -> YAMLPair? {
        var index = values.count
        while index > 0 {
            index -= 1
            if values[index].key == key { return values[index].pair }
        }
        return nil
    }

    /// The value of a key, nil when absent or written as null; a missing required key is reported.
    func node(_ key: String, required: Bool = false) -> YAMLNode? {
        let pair = self.pair(key)
        if let node = pair?.value, !node.isNull { return node }
        if required {
            session.error("E-MISSING", "missing required field '\(key)'", at: pair.map { session.location(of: $0.key) } ?? anchor,
                          hint: "add a line '\(key): ...' to the front matter")
        }
        return nil
    }

    /// Where a key's value is written.
    func location(of key: String) -> SourceLocation? {
        pair(key).map { session.location(of: $0.value) }
    }

    /// Where a key itself is written (the start of its line).
    func location(ofKey key: String) -> SourceLocation? {
        pair(key).map { session.location(of: $0.key) }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        located(key, required: required)?.value
    }

    func located(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = node(key, required: required) else { return nil }
        guard let text = node.scalar else {
            session.error("E-TYPE", "'\(key)' should be a text, found \(node.kindName)", at: session.location(of: node))
            return nil
        }
        return Located(text, at: session.location(of: node))
    }

    func int(_ key: String, required: Bool = false, minimum: Int? = nil) -> Int? {
        locatedInt(key, required: required, minimum: minimum)?.value
    }

    func locatedInt(_ key: String, required: Bool = false, minimum: Int? = nil, maximum: Int? = nil) -> Located<Int>? {
        guard let text = located(key, required: required) else { return nil }
        guard let value = Int(text.value) else {
            session.error("E-TYPE", "'\(key)' should be a whole number, found '\(text.value)'", at: text.location)
            return nil
        }
        if let minimum, value < minimum {
            session.error("E-RANGE", "'\(key)' should be at least \(minimum), found \(value)", at: text.location)
            return nil
        }
        if let maximum, value > maximum {
            session.error("E-RANGE", "'\(key)' should be at most \(maximum), found \(value)", at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    func bool(_ key: String) -> Bool? {
        guard let text = located(key) else { return nil }
        switch text.value {
        case "true", "True", "TRUE", "yes", "Yes", "on": return true
        case "false", "False", "FALSE", "no", "No", "off": return false
        default:
            session.error("E-TYPE", "'\(key)' should be true or false, found '\(text.value)'", at: text.location)
            return nil
        }
    }

    func day(_ key: String, required: Bool = false) -> Located<Day>? {
        guard let text = located(key, required: required) else { return nil }
        guard let day = Day(iso: text.value) else {
            session.error("E-DATE", "'\(key)' should be a date written YYYY-MM-DD, found '\(text.value)'", at: text.location,
                          hint: "for example 2026-09-01")
            return nil
        }
        return Located(day, at: text.location)
    }

    func choice<E: ContentEnum>(_ key: String, required: Bool = false, as type: E.Type = E.self) -> E? {
        guard let text = located(key, required: required) else { return nil }
        guard let value = E(rawValue: text.value) else {
            let guess = Suggestion.closest(to: text.value, among: E.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
            session.error("E-ENUM", "'\(key)' cannot be '\(text.value)'\(guess)", at: text.location,
                          hint: "expected one of: \(E.allowed)")
            return nil
        }
        return value
    }

    /// `visibility:`, or the older `private:` of the contract (`true` is
    /// private, `false` public). Both written and disagreeing is an error at
    /// `visibility`, since the reader cannot tell which one the author meant.
    func visibility(default fallback: Visibility) -> Visibility {
        let chosen: Visibility? = choice("visibility")
        let flag = bool("private")
        let legacy = flag.map { $0 ? Visibility.private : .public }
        if let chosen, let legacy, chosen != legacy, let flag, let location = location(of: "visibility") {
            session.error("E-VISIBILITY", "'visibility: \(chosen.rawValue)' and 'private: \(flag)' disagree", at: location,
                          hint: "keep only 'visibility'; 'private: true' means 'visibility: private', 'private: false' means 'visibility: public'")
            // Never publish more than either line asks for, even though the build stops here.
            return max(chosen, legacy)
        }
        return chosen ?? legacy ?? fallback
    }

    /// A list; a single text where a list is expected is read as a list of one.
    func list(_ key: String) -> [YAMLNode] {
        guard let node = node(key) else { return [] }
        if let items = node.sequence { return items }
        if node.scalar != nil { return [node] }
        session.error("E-TYPE", "'\(key)' should be a list, found \(node.kindName)", at: session.location(of: node))
        return []
    }

    func strings(_ key: String) -> [String] {
        list(key).decoding { item in
            if let text = item.scalar { return text }
            session.error("E-TYPE", "each entry of '\(key)' should be a text, found \(item.kindName)", at: session.location(of: item))
            return nil
        }
    }

    /// Each entry of a list of mappings, as fields; entries that are not mappings are reported and skipped.
    func records(_ key: String, known: [String]) -> [Fields] {
        list(key).decoding { session.fields($0, known: known, what: "each entry of '\(key)'") }
    }
}

extension Fields {
    /// A list of dates; each entry that is not one is reported at its line.
    func days(_ key: String) -> [Day] {
        list(key).decoding { item in
            guard let text = item.scalar, let day = Day(iso: text) else {
                session.error("E-DATE", "each entry of '\(key)' should be a date written YYYY-MM-DD", at: session.location(of: item),
                              hint: "for example 2026-09-01")
                return nil
            }
            return day
        }
    }
}

extension Collection {
    /// `compactMap` into an array with room for every element and no more:
    /// the decoded content is held for the whole build, and a list grown one
    /// append at a time keeps up to half its room unused.
    func decoding<T>(_ transform: (Element) -> T?) -> [T] {
        var values: [T] = []
        values.reserveCapacity(count)
        for element in self { if let value = transform(element) { values.append(value) } }
        return values
    }
}
