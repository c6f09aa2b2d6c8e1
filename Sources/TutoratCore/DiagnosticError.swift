/// A diagnostic that stops the processing of one file (its front matter cannot
/// be read at all); the build goes on with the other files.
public struct DiagnosticError: Error, Sendable {
    public var diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
