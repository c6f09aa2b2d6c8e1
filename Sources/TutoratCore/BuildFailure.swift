/// A problem with the environment rather than the content (a folder that
/// cannot be written, an output that is not ours): the build stops.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
