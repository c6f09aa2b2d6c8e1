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
        var text = self[key]
        for (position, argument) in arguments.enumerated() {
            text = text.replacing("{\(position)}", with: argument)
        }
        return text
    }
}
