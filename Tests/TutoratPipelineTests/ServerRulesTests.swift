import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish
import TutoratViews

/// `build --server-config`: the login rules for the private pages, as text,
/// on disk beside the output, and read by the real servers when installed
/// (`make test` installs nginx-light and apache2-bin).
@Suite(.serialized) struct ServerRulesTests {
    func views(site: String) throws -> SiteViews {
        try #require(SiteBuilder.prepare(VisibilityLeakTests.options(site: site, output: "/nonexistent")).0)
    }

    @Test func nginxRulesLockThePrivateFoldersAndOpenPublicTutees() throws {
        let site = try VisibilityLeakTests.mixedSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let text = ServerRules.text(.nginx, views: try views(site: site))
        for path in ["/tutees/", "/dashboard/", "/tutors/samir-aouad/", "/programmes/stages/", "/roles/ecole-partenaire/"] {
            #expect(text.contains("location ^~ \"\(path)\" {\n    auth_basic \"Tutorat: private pages\";\n}"), "\(path) is not locked")
        }
        #expect(text.contains("location ^~ \"/tutees/manon-giraud/\" {\n    auth_basic off;\n}"))
        // Intranet pages are for the site's readers: no login.
        #expect(!text.contains("/contacts/") && !text.contains("/tutors/luc-perrin/"))
        #expect(text.contains("auth_basic_user_file /etc/nginx/tutorat.htpasswd;"))
        #expect(text.contains("WRITE ITS PATH below"))
        // No name, and the same bytes every time.
        #expect(!text.contains("Samir") && !text.contains("Manon"))
        #expect(text == ServerRules.text(.nginx, views: try views(site: site)))
    }

    @Test func apacheRulesAskForAValidUser() throws {
        let text = ServerRules.text(.apache, views: try views(site: CareHome.site))
        #expect(text.contains("<Location \"/tutees/\">\n    AuthType Basic\n"))
        #expect(text.contains("<Location \"/dashboard/\">"))
        #expect(text.contains("    Require valid-user\n"))
        #expect(text.contains("Define TUTORAT_PASSWORD_FILE /etc/apache2/tutorat.htpasswd"))
        #expect(!text.contains("Require all granted"), "every tutee of the fixture is private")
    }

    @Test func aBaseURLPrefixesEveryPath() throws {
        let site = try CareHome.copy()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let config = site + "/content/site.yml"
        try (String(contentsOfFile: config, encoding: .utf8) + "base_url: https://intranet.example/tutorat\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let text = ServerRules.text(.nginx, views: try views(site: site))
        #expect(text.contains("location ^~ \"/tutorat/tutees/\""))
        #expect(text.contains("served from /tutorat/"))
        #expect(ServerRules.quoted("a\"b\\c\nd") == "\"a\\\"b\\\\cd\"")
    }

    @Test func buildWritesTheRulesBesideTheOutputAndRefusesThemInside() throws {
        let folder = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var options = VisibilityLeakTests.options(site: CareHome.site, output: folder + "/public")
        options.serverRules = .nginx
        let report = try SiteBuilder.build(options)
        #expect(report.serverRules == folder + "/public.nginx.conf")
        #expect(FileManager.default.fileExists(atPath: folder + "/public.nginx.conf"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/public/public.nginx.conf"))
        options.serverRulesOutput = folder + "/public/rules.conf"
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options) }
        options.serverRulesOutput = CareHome.content + "/rules.conf"
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options) }
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx")))
    func nginxAcceptsTheRules() throws {
        let site = try VisibilityLeakTests.mixedSite()
        let folder = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site); try? FileManager.default.removeItem(atPath: folder) }
        let rules = folder + "/rules.conf"
        try ServerRules.text(.nginx, views: try views(site: site)).write(toFile: rules, atomically: true, encoding: .utf8)
        try """
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events {}
            http {
              access_log off;
              server { listen 127.0.0.1:18089; root \(folder)/public; include \(rules); }
            }

            """.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let (status, output) = try run("/usr/sbin/nginx", ["-t", "-p", folder + "/", "-c", folder + "/nginx.conf"])
        #expect(status == 0, "\(output)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/apache2")))
    func apacheAcceptsTheRules() throws {
        let site = try VisibilityLeakTests.mixedSite()
        let folder = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site); try? FileManager.default.removeItem(atPath: folder) }
        let rules = folder + "/rules.conf"
        try ServerRules.text(.apache, views: try views(site: site)).write(toFile: rules, atomically: true, encoding: .utf8)
        let modules = ["mpm_event", "authz_core", "authz_user", "authn_core", "authn_file", "auth_basic"]
        try (["ServerRoot /usr/lib/apache2", "ServerName localhost", "Listen 127.0.0.1:18090", "PidFile \(folder)/apache.pid",
              "ErrorLog \(folder)/error.log"]
            + modules.map { "LoadModule \($0)_module modules/mod_\($0).so" }
            + ["<VirtualHost *:18090>", "DocumentRoot \(folder)", "Include \(rules)", "</VirtualHost>", ""])
            .joined(separator: "\n").write(toFile: folder + "/apache.conf", atomically: true, encoding: .utf8)
        let (status, output) = try run("/usr/sbin/apache2", ["-t", "-f", folder + "/apache.conf"])
        #expect(status == 0, "\(output)")
    }
}
