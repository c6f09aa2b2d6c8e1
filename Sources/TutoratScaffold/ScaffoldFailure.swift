/// A problem with `init` or `new`: the folder is not empty, the id is not valid, the file exists...
public struct ScaffoldFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
