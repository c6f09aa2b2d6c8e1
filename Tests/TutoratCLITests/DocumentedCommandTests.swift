import Foundation
import Testing

/// Every `tutorat …` command the README and the guide show names a command
/// that exists, with options that command has.
@Suite struct DocumentedCommandTests {
    @Test func everyDocumentedCommandAndOptionExists() throws {
        let root = CommandLineTests.repository
        let docs = try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var helps: [String: String] = [:]
        var checked = 0
        for file in ["README.md"] + docs {
            var fenced = false
            for raw in try String(contentsOfFile: root + "/" + file, encoding: .utf8).split(separator: "\n") {
                if raw.hasPrefix("```") { fenced.toggle(); continue }
                var line = raw.trimmingCharacters(in: .whitespaces)
                // A shell prompt, and a command in a CI recipe (a GitLab script's item, a GitHub step's run:).
                for prefix in ["$ ", "- run: ", "- ", "run: "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count); break }
                guard fenced, line.hasPrefix("tutorat ") else { continue }
                let words = line.split(separator: "#")[0].split(separator: " ").map(String.init)
                // The command: the words before the first option or placeholder, as far as a help exists for them.
                var command: [String] = []
                for word in words.dropFirst() where word.first?.isLowercase == true && !word.contains("|") && !word.contains(".") {
                    let candidate = command + [word]
                    let help = try helpText(candidate, cache: &helps)
                    if help == nil { break }
                    command = candidate
                }
                let help = try helpText(command, cache: &helps) ?? ""
                for word in words {
                    let option = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    guard option.hasPrefix("--") else { continue }
                    let name = String(option.prefix { $0 != "=" && $0 != "]" })
                    #expect(help.contains(name), "\(file): '\(line)': tutorat \(command.joined(separator: " ")) has no \(name)")
                }
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    private func helpText(_ command: [String], cache: inout [String: String]) throws -> String? {
        let key = command.joined(separator: " ")
        if let known = cache[key] { return known.isEmpty ? nil : known }
        let result = try CommandLineTests().run(command + ["--help"])
        cache[key] = result.status == 0 ? result.stdout : ""
        return result.status == 0 ? result.stdout : nil
    }
}
