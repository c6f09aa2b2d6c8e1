import Foundation

/// The `Host` names `serve` answers, whatever address it listens on: the
/// loopback names, this computer's own name and addresses, and the names
/// given with `--allow-host`. Any other name is refused (403): a page on
/// another site that points a name of its own at this computer (DNS
/// rebinding) cannot read the private pages through the visitor's browser.
enum HostCheck {
    /// The allowed names, lowercased, without port; IPv6 addresses in brackets.
    static func allowed(bound: String, extra: [String]) -> Set<String> {
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count) == 0 {
            let name = cString(buffer).lowercased()
            if !name.isEmpty {
                names.insert(name)
                // The short name too, as a local network may resolve it.
                if let short = name.split(separator: ".").first { names.insert(String(short)) }
            }
        }
        for address in machineAddresses() { names.insert(address) }
        if bound != "0.0.0.0", bound != "::" { names.insert(bracketed(bound.lowercased())) }
        for name in extra {
            let normalized = self.name(of: name)
            if !normalized.isEmpty { names.insert(normalized) }
        }
        return names
    }

    /// The name in a `Host` header (or an `--allow-host` value): lowercased, port removed.
    static func name(of host: String) -> String {
        let host = host.trimmingCharacters(in: .whitespaces).lowercased()
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return "" }
            return String(host[...close])
        }
        // A bare IPv6 address (an --allow-host value written without brackets).
        if host.filter({ $0 == ":" }).count > 1 { return "[" + host + "]" }
        var name = String(host.split(separator: ":", omittingEmptySubsequences: false).first ?? "")
        // "localhost." is the same name as "localhost".
        if name.hasSuffix("."), name.count > 1 { name.removeLast() }
        return name
    }

    static func isAllowed(_ host: String, _ allowed: Set<String>) -> Bool {
        let name = name(of: host)
        return !name.isEmpty && allowed.contains(name)
    }

    /// A Host value as it may be shown in a message: printable ASCII, short.
    static func printable(_ host: String) -> String {
        String(host.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(100).map(Character.init))
    }

    private static func cString(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func bracketed(_ address: String) -> String {
        address.contains(":") && !address.hasPrefix("[") ? "[" + address + "]" : address
    }

    /// The IPv4 and IPv6 addresses of this computer's interfaces (IPv6 in brackets).
    static func machineAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
                addresses.append(cString(text))
            case AF_INET6:
                guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in6>.size), &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
                // A link-local address comes with its zone (fe80::1%eth0), which a Host header cannot carry.
                let plain = cString(text).split(separator: "%").first.map(String.init) ?? ""
                if !plain.isEmpty { addresses.append("[" + plain.lowercased() + "]") }
            default:
                continue
            }
        }
        return addresses
    }
}
