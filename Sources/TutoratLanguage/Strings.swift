import TutoratCore
import TutoratSource

/// The theme's words in the site's language (`themes/<name>/strings/<lang>.yml`).
/// Templates read them as `{{t.key}}`; view models use them for labels of
/// values such as statuses (`status_active`).
public struct Strings: Sendable {
    public var table: [String: String]

    public init(_ table: [String: String]) {
        self.table = table
    }

    public subscript(key: String) -> String { table[key] ?? key }

    /// The label of a content value: `label("status", "active")` reads `status_active`, or shows the value itself.
    public func label(_ group: String, _ value: String) -> String { table["\(group)_\(value)"] ?? value }

    /// Fills `{0}`, `{1}`... in a string of the table.
    public func format(_ key: String, _ arguments: String...) -> String {
        format(key, arguments)
    }

    public func format(_ key: String, _ arguments: [String]) -> String {
        Strings.fill(self[key], arguments)
    }

    /// Replaces `{0}`, `{1}`... in one pass over the bytes. The rules are those
    /// of `fillByCharacters` (each placeholder replaced in turn, over
    /// Characters); the few texts where the two could differ go there: an
    /// argument holding `{` (a later placeholder could be found inside it), an
    /// empty one, a `{` in the text that is not a placeholder, or a
    /// placeholder or argument edge next to a scalar that could join a
    /// Character with its neighbour (`ByteText.mayJoin`).
    public static func fill(_ text: String, _ arguments: [String]) -> String {
        if arguments.isEmpty { return text }
        for argument in arguments where !argumentIsPlain(argument) {
            return fillByCharacters(text, arguments)
        }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { bytes -> String? in
            var out: [UInt8] = []
            var copied = 0
            var index = 0
            let count = bytes.count
            while index < count {
                guard bytes[index] == UInt8(ascii: "{") else { index += 1; continue }
                // `{` then the digits of an argument's position, written as Swift writes it, then `}`.
                var end = index + 1
                var position = 0
                while end < count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), end - index <= 18 {
                    position = position * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                let digits = end - index - 1
                // Any other `{` could become a placeholder once an argument is
                // put after it (`{{0}}` with `1`): the rules over Characters decide.
                guard digits > 0, end < count, bytes[end] == UInt8(ascii: "}"), position < arguments.count,
                      digits == 1 || bytes[index + 1] != UInt8(ascii: "0") else {
                    return nil
                }
                if index > 0, ByteText.mayJoin(ByteText.scalar(before: index, in: UnsafeBufferPointer(bytes))) { return nil }
                if end + 1 < count, ByteText.mayJoin(ByteText.scalar(at: end + 1, in: UnsafeBufferPointer(bytes))) { return nil }
                if out.isEmpty { out.reserveCapacity(count + 64) }
                out.append(contentsOf: bytes[copied..<index])
                out.append(contentsOf: arguments[position].utf8)
                index = end + 1
                copied = index
            }
            if copied == 0 { return text }
            out.append(contentsOf: bytes[copied..<count])
            return String(decoding: out, as: UTF8.self)
        } ?? fillByCharacters(text, arguments)
    }

    /// Not empty, no `{`, and neither first nor last scalar may join a neighbour.
    private static func argumentIsPlain(_ argument: String) -> Bool {
        ByteText.withUTF8(argument) { bytes in
            guard !bytes.isEmpty, !bytes.contains(UInt8(ascii: "{")) else { return false }
            return !ByteText.mayJoin(ByteText.scalar(at: 0, in: bytes)) && !ByteText.mayJoin(ByteText.scalar(before: bytes.count, in: bytes))
        }
    }

    /// The reference rules: each `{n}` replaced in turn, over Characters.
    static func fillByCharacters(_ text: String, _ arguments: [String]) -> String {
        var text = text
        for (position, argument) in arguments.enumerated() {
            text = text.replacing("{\(position)}", with: argument)
        }
        return text
    }
}

/// The labels of the content's closed lists (`status_active`, `session_meeting`…),
/// looked up once per build instead of once per value shown.
public struct Labels: Sendable {
    public let status: [TuteeStatus: String]
    public let objective: [ObjectiveStatus: String]
    public let session: [SessionKind: String]
    public let evaluation: [EvaluationKind: String]
    public let assessor: [Assessor: String]
    /// `rule_TUT006`, and the alert's wording `alert_TUT006` (with its `{0}`…).
    public let rule: [RuleCode: String]
    public let alert: [RuleCode: String]

    public init(_ strings: Strings) {
        func table<E: ContentEnum>(_ group: String, _ type: E.Type) -> [E: String] {
            Dictionary(uniqueKeysWithValues: E.allCases.map { ($0, strings.label(group, $0.rawValue)) })
        }
        status = table("status", TuteeStatus.self)
        objective = table("objective", ObjectiveStatus.self)
        session = table("session", SessionKind.self)
        evaluation = table("evaluation", EvaluationKind.self)
        assessor = table("assessor", Assessor.self)
        rule = Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, strings["rule_\($0.rawValue)"]) })
        alert = Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, strings["alert_\($0.rawValue)"]) })
    }
}
