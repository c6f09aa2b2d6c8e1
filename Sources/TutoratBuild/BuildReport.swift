import TutoratCore

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Files of the site (pages, exports, assets, sitemap...) and, among them, HTML pages.
    public var files = 0
    public var pages = 0
    /// Files this build wrote (all of them on a first build) and stale files it removed.
    public var written = 0
    public var removed = 0
    /// Nothing changed since the last build: nothing was read beyond file metadata, nothing written.
    public var upToDate = false
    public var output: String
    /// The server rules file written, if any.
    public var serverRules: String?

    public var succeeded: Bool { !diagnostics.hasErrors }
}
