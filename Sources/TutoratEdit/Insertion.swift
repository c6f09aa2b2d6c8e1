/// An edit that only adds: `text` goes in at byte `offset`, every other byte stays.
public struct Insertion: Sendable, Equatable {
    public var offset: Int
    public var text: String

    public func applied(to bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes[..<offset])
        out += Array(text.utf8)
        out += bytes[offset...]
        return out
    }
}

/// Why an entry could not be placed in a file.
public struct EditRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
