import Foundation
import Testing

/// `tutorat keys generate|rotate` and `build --keys` / `--require-encryption`, as a person runs them.
@Suite(.serialized) struct KeysCommandTests {
    let cli = ServeInitNewTests()

    /// A new site from `tutorat init` (two tutees), so each run derives few passphrases.
    func newSite() throws -> String {
        let site = try cli.temporaryFolder() + "/site"
        #expect(try cli.run(["init", site, "--language", "en"]).status == 0)
        return site
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func passphrases(_ keys: String) -> [String] {
        read(keys).split(separator: "\n").filter { $0.contains("passphrase: ") }.map { String($0.split(separator: "\"")[1]) }
    }

    @Test func generateWritesAFileOnlyItsOwnerReadsAndKeepsPassphrases() throws {
        let site = try newSite()
        let first = try cli.run(["keys", "generate", "--site", site])
        #expect(first.status == 0, "\(first.stderr)")
        let keys = site + "/tutorat-keys.yml"
        #expect(first.stdout.hasPrefix("Wrote \(keys): new passphrases for coordinator, "))
        let mode = try FileManager.default.attributesOfItem(atPath: keys)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = passphrases(keys)
        #expect(before.count == 3 && Set(before).count == 3 && before.allSatisfy { $0.count >= 20 })
        #expect(read(site + "/.gitignore").contains("/tutorat-keys.yml"))

        // A new tutee gets a passphrase; the others keep theirs.
        #expect(try cli.run(["new", "tutee", "zoe-new", "--site", site]).status == 0)
        let second = try cli.run(["keys", "generate", "--site", site])
        #expect(second.stdout.hasPrefix("Updated \(keys): new passphrases for zoe-new; 3 tutees in all."))
        let after = passphrases(keys)
        #expect(after.count == 4 && before.allSatisfy(after.contains))
    }

    @Test func rotateReplacesOnePassphrase() throws {
        let site = try newSite()
        let none = try cli.run(["keys", "rotate", "coordinator", "--site", site])
        #expect(none.status == 1 && none.stderr.contains("there is no keys file \(site)/tutorat-keys.yml"))
        #expect(try cli.run(["keys", "generate", "--site", site]).status == 0)
        let keys = site + "/tutorat-keys.yml"
        let before = passphrases(keys)
        let rotated = try cli.run(["keys", "rotate", "coordinator", "--site", site])
        #expect(rotated.status == 0 && rotated.stdout.contains("Gave coordinator a new passphrase"))
        let after = passphrases(keys)
        #expect(after[0] != before[0] && after[1...] == before[1...])
        let unknown = try cli.run(["keys", "rotate", "cordinator", "--site", site])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("has no passphrase for 'cordinator' (did you mean 'coordinator'?)"))
        #expect(!rotated.stdout.contains(after[0]), "the passphrase is not printed: terminals and CI logs keep what they show")
    }

    @Test func buildWarnsOrFailsWithoutKeysAndEncryptsWithThem() throws {
        let site = try newSite()
        let warned = try cli.run(["build", "--site", site])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("warning: 5 private pages are published unencrypted"))
        #expect(warned.stderr.contains("hint: build with --keys FILE"))

        let output = site + "/strict"
        let refused = try cli.run(["build", "--site", site, "--output", output, "--require-encryption"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: 5 private pages are published unencrypted"))
        #expect(!FileManager.default.fileExists(atPath: output))

        #expect(try cli.run(["keys", "generate", "--site", site]).status == 0)
        let built = try cli.run(["build", "--site", site, "--output", output, "--keys", site + "/tutorat-keys.yml", "--require-encryption"])
        #expect(built.status == 0 && built.stderr == "", "\(built.stderr)")
        let tutees = try FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees").filter { $0.hasSuffix(".md") }
        #expect(!tutees.isEmpty, "the new site has tutees to encrypt")
        for tutee in tutees {
            let name = read(site + "/content/tutees/" + tutee).split(separator: "\n").first { $0.hasPrefix("name: ") }!.dropFirst(6)
            let page = read(output + "/tutees/" + tutee.dropLast(3) + "/index.html")
            #expect(page.contains("id=\"tutorat-envelope\"") && !page.contains(name), "\(tutee)")
        }
    }

    @Test func aBadKeysFileIsReportedAtItsLineAndColumn() throws {
        let site = try newSite()
        let keys = site + "/tutorat-keys.yml"
        try "version: 1\niterations: 10000\n".write(toFile: keys, atomically: true, encoding: .utf8)
        let result = try cli.run(["build", "--site", site, "--keys", keys])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(keys):2:13: error: 'iterations' should be a whole number from 600000 to 100000000, found '10000'"))
        #expect(result.stderr.contains("\(keys):1:1: error: missing field 'site_secret'"))
        let inside = try cli.run(["build", "--site", site, "--keys", site + "/content/keys.yml"])
        #expect(inside.status == 1 && inside.stderr.contains("refusing to use the keys file"))
    }
}
