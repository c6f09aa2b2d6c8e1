import Foundation
import TutoratSite
import TutoratViews

/// `tutorat build --server-config nginx|apache`: a snippet of web server
/// configuration that asks for a login (HTTP basic authentication) before
/// serving any private page or the files beside it. The pages are plain files:
/// without such a rule anyone who knows an address can read a progress page.
///
/// The snippet is written outside the output folder, because the output is
/// what the server publishes. It holds no name, only paths (ids), and the same
/// site gives the same bytes.
public enum ServerRules {
    public enum Server: String, CaseIterable, Sendable {
        case nginx, apache
    }

    /// Where the htpasswd file is assumed to be until the admin writes its real path.
    package static func passwordFile(_ server: Server) -> String {
        server == .nginx ? "/etc/nginx/tutorat.htpasswd" : "/etc/apache2/tutorat.htpasswd"
    }

    /// The folders that need a login, and the folders inside them that do not
    /// (a tutee whose page is not private), from the site root, in the site's order.
    package static func paths(_ views: SiteViews) -> (locked: [String], open: [String]) {
        // Whole folders rather than each page: a tutee added after the
        // snippet was installed is behind the login from the start.
        var locked = [Route.tutees.path, Route.dashboard.path]
        var open: [String] = []
        for route in views.routes {
            let path = route.path
            let inLockedFolder = path.hasPrefix(Route.tutees.path) || path.hasPrefix(Route.dashboard.path)
            if views.isPrivate(route) {
                if !inLockedFolder, route != .notFound { locked.append(path) }
            } else if inLockedFolder {
                open.append(path)
            }
        }
        return (locked, open)
    }

    /// The path the site is served from: the path of `base_url`, or `/`.
    package static func basePath(_ views: SiteViews) -> String {
        guard let base = views.site.config.baseURL, let url = URL(string: base) else { return "/" }
        var path = url.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// A quoted string for either server: `"` and `\` are escaped, control characters dropped.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7F {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    public static func text(_ server: Server, views: SiteViews) -> String {
        let dialect = dialect(server)
        let base = basePath(views)
        let (locked, open) = paths(views)
        var lines = header(views, server: server, include: dialect.include, reload: dialect.reload) + dialect.preamble
        for path in locked { lines += dialect.locked(quoted(base + path)) }
        if !open.isEmpty { lines += ["", dialect.openNote] }
        for path in open { lines += dialect.open(quoted(base + path)) }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func header(_ views: SiteViews, server: Server, include: String, reload: String) -> [String] {
        let base = basePath(views)
        return [
            "# The private pages of \(views.site.config.title.filter { $0 != "\n" && $0 != "\r" }), written by \(views.generator) build.",
            "# Include this file inside the configuration that serves the site:",
            "#     \(include)",
            "# Every private page, and the files beside it (calendars, evidence), asks for a",
            "# login: HTTP basic authentication. Create the password file with htpasswd",
            "# (Debian package apache2-utils), then WRITE ITS PATH below, in place of the",
            "# example path \(passwordFile(server)):",
            "#     htpasswd -c \(passwordFile(server)) coordinator",
            "# Serve the site over HTTPS only: basic authentication sends the password with",
            "# every request. Build again after a page changes visibility, then \(reload).",
            base == "/" && views.site.config.baseURL == nil
                ? "# The site has no base_url: it is assumed to be served from the server's root (/)."
                : "# The site is served from \(base) (its base_url).",
            "",
        ]
    }

    /// What differs between the two servers; the snippet's order is the same.
    private struct Dialect {
        var include: String
        var reload: String
        var preamble: [String]
        var locked: (String) -> [String]
        var openNote: String
        var open: (String) -> [String]
    }

    private static func dialect(_ server: Server) -> Dialect {
        switch server {
        case .nginx:
            return Dialect(
                include: "include /etc/nginx/snippets/tutorat-private.conf;   # in the server { } block", reload: "nginx -s reload",
                preamble: [
                    "# The password file for the locations below (no page asks for it unless it says auth_basic).",
                    "auth_basic_user_file \(passwordFile(.nginx));",
                    "",
                    "# ^~ takes these folders before any regular-expression location; they serve files",
                    "# from the server's root like the rest of the site.",
                ],
                locked: { ["location ^~ \($0) {", "    auth_basic \"Tutorat: private pages\";", "}"] },
                openNote: "# Tutees whose page is not private: the longer prefix wins, without a login.",
                open: { ["location ^~ \($0) {", "    auth_basic off;", "}"] })
        case .apache:
            return Dialect(
                include: "Include /etc/apache2/tutorat-private.conf   # in the <VirtualHost> block", reload: "apache2ctl graceful",
                preamble: [
                    "# Needs the modules auth_basic, authn_file and authz_user (enabled by default on Debian).",
                    "# Written once, used by every <Location> below.",
                    "Define TUTORAT_PASSWORD_FILE \(passwordFile(.apache))",
                    "",
                ],
                locked: {
                    ["<Location \($0)>", "    AuthType Basic", "    AuthName \"Tutorat: private pages\"",
                     "    AuthUserFile ${TUTORAT_PASSWORD_FILE}", "    Require valid-user", "</Location>"]
                },
                openNote: "# Tutees whose page is not private: a later <Location> replaces the rule above.",
                open: { ["<Location \($0)>", "    Require all granted", "</Location>"] })
        }
    }

    package static func nginx(_ views: SiteViews) -> String { text(.nginx, views: views) }

    package static func apache(_ views: SiteViews) -> String { text(.apache, views: views) }

    /// Where the snippet goes when `--server-config-output` is not given:
    /// beside the output folder, `<output>.nginx.conf`.
    public static func defaultPath(output: String, server: Server) -> String {
        var output = output
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        return "\(output).\(server.rawValue).conf"
    }
}
