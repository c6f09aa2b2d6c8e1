import Foundation
import Testing

/// The help of every command is part of the interface people read: each is
/// kept in `help/<command>.txt`, so a change to an option or its wording shows
/// in review. After an intended change, write them again with
/// `TUTORAT_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
@Suite struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["build"], ["check"], ["serve"], ["init"], ["new"], ["import"], ["theme"], ["theme", "list"], ["theme", "copy"],
        ["keys"], ["keys", "generate"], ["keys", "rotate"],
    ]

    static let folder = CommandLineTests.repository + "/Tests/TutoratCLITests/help"

    @Test(arguments: commands) func helpMatchesItsSnapshot(command: [String]) throws {
        let result = try CommandLineTests().run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: tutorat"))
        let snapshot = Self.folder + "/" + (command.isEmpty ? "tutorat" : command.joined(separator: "-")) + ".txt"
        if ProcessInfo.processInfo.environment["TUTORAT_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
            try result.stdout.write(toFile: snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: snapshot, encoding: .utf8)
        #expect(result.stdout == expected, "tutorat \(command.joined(separator: " ")) --help differs from \(snapshot)")
    }

    /// Every subcommand the root help lists has a snapshot: a new command cannot go unseen.
    @Test func everyCommandHasASnapshot() throws {
        let root = try CommandLineTests().run(["--help"], environment: ["COLUMNS": "100"]).stdout
        // A subcommand's line starts with two spaces and its name; wrapped abstracts start with more.
        let listed = root.split(separator: "\n").drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("tutorat help") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!listed.isEmpty)
        for name in listed { #expect(Self.commands.contains([name]), "no help snapshot for tutorat \(name)") }
    }
}
