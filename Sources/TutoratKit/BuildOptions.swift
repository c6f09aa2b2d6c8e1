import TutoratCore

public struct BuildOptions: Sendable {
    /// The folder holding `content/` (and usually `themes/`).
    public var site: String
    /// Where the site is written; default `<site>/public`.
    public var output: String?
    /// Replace an output folder that tutorat did not create.
    public var force = false
    /// The day used when site.yml has no `as_of`: the command line settles it
    /// once (SOURCE_DATE_EPOCH, else today), so nothing below reads the clock.
    public var fallbackAsOf: Day
    /// Printed in page footers and the generator meta.
    public var generator: String
    /// The keys file: with it, private pages and exports are encrypted
    /// (README, "Encrypted private pages").
    public var keys: String?
    /// Without `keys`, private pages are an error rather than a warning.
    public var requireEncryption = false

    public init(site: String, output: String? = nil, force: Bool = false, fallbackAsOf: Day, generator: String,
                keys: String? = nil, requireEncryption: Bool = false) {
        self.site = site
        self.output = output
        self.force = force
        self.fallbackAsOf = fallbackAsOf
        self.generator = generator
        self.keys = keys
        self.requireEncryption = requireEncryption
    }

    public var outputPath: String { output ?? Disk.join(site, "public") }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesWritten = 0
    public var filesCopied = 0
    public var output: String

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// A problem with the environment rather than the content (a folder that
/// cannot be written, an output that is not ours): the build stops.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}
