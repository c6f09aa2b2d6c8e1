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
    /// `--server-config`: also write the web server's rules for the private pages.
    public var serverRules: ServerRules.Server?
    /// `--server-config-output`; default beside the output (`ServerRules.defaultPath`).
    public var serverRulesOutput: String?
    /// The keys file: with it, private pages and exports are encrypted
    /// (docs/visibility-and-encryption.md, "Encrypted private pages").
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

    /// Where the server rules are written, when asked for.
    public var serverRulesPath: String? {
        serverRules.map { serverRulesOutput.map(Disk.absolute) ?? ServerRules.defaultPath(output: Disk.absolute(outputPath), server: $0) }
    }
}
