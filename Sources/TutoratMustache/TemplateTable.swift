/// Texts read by any name: the theme's words, `{{t.key}}`. A page reads a
/// couple of hundred of them; each is found by the hash its template computed
/// when compiled (`TemplateName.hash`), in an open-addressed table, instead of
/// hashing the key's text again at every lookup.
public struct TemplateTable: TemplateObject, Sendable, Equatable {
    /// The texts by key, for code that reads them by a key of its own.
    public let texts: [String: String]
    private let names: [TemplateName]
    private let values: [String]
    /// An index into `names` and `values`, or -1; more slots than names, so a probe always ends.
    private let slots: [Int32]

    public init(_ texts: [String: String]) {
        self.texts = texts
        let sorted = texts.sorted { $0.key < $1.key }
        names = sorted.map { TemplateName($0.key) }
        values = sorted.map(\.value)
        var size = 1
        while size <= 2 * names.count { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for index in names.indices {
            var slot = Int(truncatingIfNeeded: names[index].hash) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index)
        }
        self.slots = slots
    }

    public subscript(key: String) -> String? { texts[key] }

    public func templateValue(_ name: TemplateName) -> TemplateValue {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: name.hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return .null }
            if names[index].hash == name.hash, names[index].text == name.text { return .text(values[index]) }
            slot = (slot + 1) & mask
        }
    }

    public static func == (lhs: TemplateTable, rhs: TemplateTable) -> Bool { lhs.texts == rhs.texts }
}
