import Foundation
import Testing

/// The command line as a contract: output, messages and exit statuses of the built `tutorat`.
@Suite(.serialized) struct CommandLineTests {
    static let repository: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

    /// The fixture site these tests build, `Tests/Fixtures/sites/care-home/`.
    static let fixture = repository + "/Tests/Fixtures/sites/care-home"

    /// The ids of the fixture's tutees (its `content/tutees/*.md`).
    static var tutees: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixture + "/content/tutees")) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let binary = ServeInitNewTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the executable first: swift build --product tutorat")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratchSite() throws -> String {
        let site = NSTemporaryDirectory() + "tutorat-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixture + "/content", toPath: site + "/content")
        return site
    }

    /// `$HOME` may differ from the account's home (sudo, a shell that set it): both are refused, and nothing in them is touched.
    @Test func buildRefusesTheHomeFolderNamedByHOME() throws {
        let site = try scratchSite()
        let home = site + "-home"
        try FileManager.default.createDirectory(atPath: home + "/Documents", withIntermediateDirectories: true)
        try "mine\n".write(toFile: home + "/Documents/notes.txt", atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: site); try? FileManager.default.removeItem(atPath: home) }
        for output in [home, home + "/Documents/.."] {
            let result = try run(["build", "--site", site, "--output", output, "--force"], environment: ["HOME": home])
            #expect(result.status == 1)
            #expect(result.stderr.contains("refusing to write the site into \(home)"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: home + "/Documents/notes.txt", encoding: .utf8) == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home) == ["Documents"])
    }

    @Test func versionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        // The release, then the commit built (BuildCommit): this checkout's HEAD, or unknown without git.
        #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-modified)?|unknown)\)\n$"#, options: .regularExpression) != nil,
                "\(version.stdout)")
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Self.repository, "rev-parse", "--short=12", "HEAD"]
        let head = Pipe()
        git.standardOutput = head
        git.standardError = FileHandle.nullDevice
        if (try? git.run()) != nil {
            let commit = String(decoding: head.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            git.waitUntilExit()
            if git.terminationStatus == 0 { #expect(version.stdout.contains("(commit \(commit)"), "\(version.stdout) is not HEAD, \(commit)") }
        }
        let help = try run(["build", "--help"])
        #expect(help.stdout.contains("--site <dir>"))
        #expect(help.stdout.contains("--output <dir>"))
    }

    @Test func successfulBuildPrintsOneLine() throws {
        let site = try scratchSite()
        let result = try run(["build", "--site", site])
        #expect(result.status == 0)
        // The only thing said on the side: private pages go out unencrypted without --keys
        // (each tutee's page, the list of tutees, the dashboard and its audit pack).
        #expect(!Self.tutees.isEmpty)
        #expect(result.stderr.hasPrefix("warning: \(Self.tutees.count + 3) private pages are published unencrypted"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("warning:") }.count == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site + "/public").filter { $0.hasSuffix(".html") }.count
        #expect(pages > Self.tutees.count)
        #expect(lines.first?.hasPrefix("Built \(pages) pages and ") == true, "\(lines)")
        #expect(lines.first?.contains(" written, 0 unchanged.") == true)
        #expect(FileManager.default.fileExists(atPath: site + "/public/index.html"))

        let again = try run(["build", "--site", site])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Nothing changed since the last build: the \(pages) pages in "))
        // Warnings are said again from the manifest, though no content was read.
        #expect(again.stderr == result.stderr)
    }

    /// What `make site` runs: the bundled example builds, says one line, and
    /// warns of nothing but its unencrypted private pages. Its figures are its own.
    @Test func theBundledExampleBuildsWithoutErrorOrOtherWarning() throws {
        let output = NSTemporaryDirectory() + "tutorat-cli-example-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try run(["build", "--site", Self.repository, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built ") && result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("error:") || $0.contains("warning:") }
                    .allSatisfy { $0.contains("private pages are published unencrypted") }, "\(result.stderr)")
        let check = try run(["check", "--site", Self.repository])
        #expect(check.status == 0 && check.stdout == "0 errors, 0 warnings\n", "\(check.stdout)\(check.stderr)")
    }

    @Test func brokenReferenceFailsLikeACompiler() throws {
        let site = try scratchSite()
        let file = site + "/content/tutees/lina-morel.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "tutor: odile-ferrand", with: "tutor: odile-ferand").write(toFile: file, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("tutor: ") }! + 1
        let result = try run(["build", "--site", site])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/tutees/lina-morel.md:\(line):8: error: unknown tutor 'odile-ferand' (did you mean 'odile-ferrand'?)"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
        let check = try run(["check", "--site", site])
        #expect(check.status == 1)
        #expect(check.stdout.contains("1 error"))
    }

    @Test func missingSiteIsAClearError() throws {
        let result = try run(["build", "--site", "/nonexistent-tutorat-site"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: no content folder in /nonexistent-tutorat-site"))
    }

    @Test func sourceDateEpochSetsTheDayWhenSiteHasNone() throws {
        let site = try scratchSite()
        let config = site + "/content/site.yml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.components(separatedBy: "\n").filter { !$0.hasPrefix("as_of:") }.joined(separator: "\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        // 2026-01-02 00:00 UTC
        let result = try run(["build", "--site", site], environment: ["SOURCE_DATE_EPOCH": "1767312000"])
        #expect(result.status == 0)
        let dashboard = try String(contentsOfFile: site + "/public/dashboard/index.html", encoding: .utf8)
        #expect(dashboard.contains("datetime=\"2026-01-02\""))
    }

    /// A copy of the fixture where one tutor has no training date: a warning, no error.
    func siteWithAWarning() throws -> String {
        let site = try scratchSite()
        let tutor = site + "/content/tutors/agnes-colin.md"
        let text = try String(contentsOfFile: tutor, encoding: .utf8)
        try text.components(separatedBy: "\n").filter { !$0.hasPrefix("trained:") }.joined(separator: "\n")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        return site
    }

    @Test func warningsPassUnlessStrict() throws {
        let site = try siteWithAWarning()
        let check = try run(["check", "--site", site])
        #expect(check.status == 0)
        #expect(check.stderr.contains("content/tutors/agnes-colin.md:1:1: warning: Agnès Colin has no tutor training date"))
        #expect(check.stdout == "0 errors, 1 warning\n")
        let strict = try run(["check", "--site", site, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("content/tutors/agnes-colin.md:1:1: error: Agnès Colin has no tutor training date"))
    }

    @Test func jsonOutputForEditorsAndCI() throws {
        let site = try siteWithAWarning()
        let result = try run(["check", "--site", site, "--format", "json"])
        #expect(result.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let first = try #require(parsed?.first)
        #expect(parsed?.count == 1)
        #expect(first["file"] as? String == "content/tutors/agnes-colin.md")
        #expect(first["line"] as? Int == 1)
        #expect(first["column"] as? Int == 1)
        #expect(first["severity"] as? String == "warning")
        #expect(first["code"] as? String == "TUT004")
        #expect(first["message"] as? String == "Agnès Colin has no tutor training date")
        #expect(first["hint"] as? String == "add 'trained: YYYY-MM-DD' once the training is done")
        #expect(result.stderr == "")
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try run(["check", "--format", "xml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("xml"))
    }
}
