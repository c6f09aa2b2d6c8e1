import ArgumentParser
import Foundation
import TutoratCore
import TutoratBuild
import TutoratPublish

@main
struct Tutorat: AsyncParsableCommand {
    /// The release; `make dist` names its archive after it. The pages' generator says only this.
    static let version = "0.1.0"

    /// What `--version` prints: the release and the commit built (the BuildCommit plugin reads it from git).
    static let versionLine = "\(version) (commit \(BuildCommit.id))"

    static let configuration = CommandConfiguration(
        abstract: "Publish a tutoring scheme as a static website: charter, programmes, role sheets, frameworks and progress files.",
        version: versionLine,
        subcommands: [Build.self, Check.self, Serve.self, Init.self, New.self, Import.self, ThemeCommand.self, Keys.self]
    )
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding content/ and themes/.", valueName: "dir"))
    var site = "."

    /// The day used when site.yml has no `as_of`: SOURCE_DATE_EPOCH when set
    /// (reproducible builds), else today in UTC. Read once, here.
    func fallbackAsOf() throws -> Day {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch) else { throw ValidationError("SOURCE_DATE_EPOCH should be a number of seconds, found '\(epoch)'") }
            return Day(daysSinceEpoch: seconds.floorDiv(86_400))
        }
        return Day(daysSinceEpoch: Int(Date().timeIntervalSince1970).floorDiv(86_400))
    }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int { (self - (self < 0 ? divisor - 1 : 0)) / divisor }
}

enum Console {
    static func report(_ diagnostics: [Diagnostic]) {
        let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        // Written by the 64 KiB, not a call each: a kept site may have tens of thousands of warnings.
        var pending: [UInt8] = []
        for diagnostic in diagnostics {
            var text = diagnostic.description
            if colour {
                let label = "\(diagnostic.severity.rawValue):"
                let code = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
                if let range = text.range(of: label) { text.replaceSubrange(range, with: code + label + "\u{1B}[0m") }
            }
            pending += text.utf8
            pending.append(0x0A)
            if pending.count >= 1 << 16 {
                FileHandle.standardError.write(Data(pending))
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { FileHandle.standardError.write(Data(pending)) }
    }

    /// Runs `body`; a failure is printed as `error: …` and the command exits 1.
    static func orExit<Value, Failure: Error & CustomStringConvertible>(_ body: () throws(Failure) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <site>/public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Replace an output folder that tutorat did not create.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("Encrypt private pages and exports with the passphrases of this keys file (tutorat keys generate writes one).",
                                            valueName: "file"))
    var keys: String?

    @Flag(name: .long, help: "Fail rather than publish private pages unencrypted when --keys is not given.")
    var requireEncryption = false

    @Option(name: .long, help: ArgumentHelp("Also write the web server's rules that ask for a login on the private pages.",
                                            valueName: "nginx|apache"))
    var serverConfig: ServerRules.Server?

    @Option(name: .long, help: ArgumentHelp("Where to write the server rules (default: beside the output, <output>.nginx.conf).",
                                            valueName: "file"))
    var serverConfigOutput: String?

    func validate() throws {
        if serverConfigOutput != nil && serverConfig == nil {
            throw ValidationError("--server-config-output needs --server-config nginx or --server-config apache")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var options = BuildOptions(site: siteOptions.site, output: output, force: force,
                                   fallbackAsOf: try siteOptions.fallbackAsOf(), generator: "tutorat \(Tutorat.version)")
        options.serverRules = serverConfig
        options.serverRulesOutput = serverConfigOutput
        options.keys = keys
        options.requireEncryption = requireEncryption
        let report = try Console.orExit { () throws(BuildFailure) in try SiteBuilder.build(options) }
        Console.report(report.diagnostics)
        guard report.succeeded else {
            FileHandle.standardError.write(Data("build failed: \(Console.summary(report.diagnostics)); the previous output was kept\n".utf8))
            throw ExitCode.failure
        }
        let elapsed = clock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        if report.upToDate {
            print("Nothing changed since the last build: the \(report.pages) pages in \(report.output) are up to date (\(milliseconds) ms).")
        } else {
            let removed = report.removed > 0 ? ", removed \(report.removed) that are gone" : ""
            print("Built \(report.pages) pages and \(report.files - report.pages) other files into \(report.output) in \(milliseconds) ms: "
                  + "\(report.written) written, \(report.files - report.written) unchanged\(removed).")
        }
        if let rules = report.serverRules, let server = serverConfig {
            print("Wrote the \(server.rawValue) rules for the private pages to \(rules): fill in the password file's path, then include it in the server's configuration.")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report every problem in the content without writing anything.",
        discussion: "Exit status: 0 when there is no error (warnings allowed), 1 when there is one.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: "How to print the problems: text for people, json for editors and CI.")
    var format: DiagnosticFormat.Style = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        var diagnostics = SiteChecker.check(BuildOptions(site: siteOptions.site, fallbackAsOf: try siteOptions.fallbackAsOf(),
                                                         generator: "tutorat \(Tutorat.version)"))
        if strict {
            diagnostics = diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        switch format {
        case .text:
            Console.report(diagnostics)
            print(Console.summary(diagnostics))
        case .json:
            print(DiagnosticFormat.json(diagnostics), terminator: "")
        }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}
