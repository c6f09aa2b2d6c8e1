/// A place in a content file, as people count: lines and columns start at 1.
/// `file` is the path relative to the site root (`content/tutees/marie.md`), so
/// diagnostics read the same on every machine.
///
/// Line and column are stored as 32-bit numbers (files are at most 8 MiB): a
/// large site keeps a location for every value it may point back to.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var position: TextPosition

    public var line: Int {
        get { position.line }
        set { position.line = newValue }
    }

    public var column: Int {
        get { position.column }
        set { position.column = newValue }
    }

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.position = TextPosition(line: line, column: column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A value together with where it was written, so a later stage (resolving a
/// reference, checking a level) can point back into the file.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A line and column in a file named elsewhere: what a value repeated by the
/// million keeps of its place, its document holding the path once.
public struct TextPosition: Hashable, Sendable {
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        (storedLine, storedColumn) = (Int32(clamping: line), Int32(clamping: column))
    }

    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
