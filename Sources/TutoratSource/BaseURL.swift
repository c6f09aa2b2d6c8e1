/// The rules for `base_url` in `site.yml`: every link of every page starts
/// with it, so it must be an absolute `http` or `https` address of a host,
/// and nothing a browser could read as anything else.
public enum BaseURL {
    /// Why `text` is not a usable base URL, or nil when it is. The trailing
    /// slash is optional (the linker adds it).
    public static func problem(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
                return "'base_url' holds a space, a control or an invisible character (U+\(hex(scalar.value)))"
            default: break
            }
            if "\\\"<>^`{|}".unicodeScalars.contains(scalar) {
                return "'base_url' holds '\(scalar)', which an address cannot hold as it is"
            }
        }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return "'base_url' must be an absolute address starting with 'https://' or 'http://'"
        }
        if let mark = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            return "'base_url' cannot hold a query or a fragment ('\(rest[mark])')"
        }
        let authority = rest.prefix { $0 != "/" }
        if authority.contains("@") {
            return "'base_url' cannot hold a user name or password (before '@')"
        }
        var host = authority[...]
        if host.hasPrefix("[") {
            // An IPv6 address: hex digits, colons and dots between brackets, then an optional port.
            guard let close = host.firstIndex(of: "]"), close > host.index(after: host.startIndex),
                  host[host.index(after: host.startIndex)..<close].allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
            else { return "'base_url' has a malformed IPv6 host" }
            let port = host[host.index(after: close)...]
            guard port.isEmpty || isPort(port) else { return "'base_url' has a malformed port" }
            return nil
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[colon...]) else { return "'base_url' has a malformed port" }
            host = host[..<colon]
        }
        if host.hasSuffix("."), host.count > 1 { host = host.dropLast() } // a fully qualified name
        guard !host.isEmpty else { return "'base_url' has no host name after '//'" }
        let valid = host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { $0.value >= 0x80 || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                    || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        }
        guard valid else { return "'base_url' has an invalid host name '\(host)'" }
        return nil
    }

    /// `:` then a number from 0 to 65535.
    private static func isPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && (1...5).contains(digits.count) && digits.allSatisfy { ("0"..."9").contains($0) }
            && Int(digits).map { $0 <= 65535 } == true
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
