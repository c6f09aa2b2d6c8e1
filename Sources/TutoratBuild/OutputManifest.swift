import TutoratCore

/// What the last build wrote, kept in the output's marker file
/// (`.tutorat-output`): the fingerprint of its inputs, the warnings it
/// reported, and each file with the hash of its bytes and the size and time it
/// had on disk. With it a build can tell that nothing changed without reading
/// the content, and otherwise rewrite only the files whose bytes changed, so
/// the others keep their modification times (and rsync, backups and browsers'
/// caches see no change).
package struct OutputManifest: Equatable, Sendable {
    package struct Entry: Equatable, Sendable {
        var hash: UInt64
        var size: Int
        var modified: Int

        /// Whether the file is still as the build left it (same size and time).
        func isOnDisk(at path: String) -> Bool {
            guard let disk = Fingerprint(path) else { return false }
            return disk.size == size && disk.modified == modified
        }
    }

    package static let header = "This folder is written by tutorat build. This file lists what it wrote; do not edit it."

    package var inputs: UInt64
    package var warnings: [Diagnostic]
    package var files: [String: Entry]

    package var text: String {
        var bytes: [UInt8] = []
        lines { bytes += $0.utf8 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Written by the 64 KiB: a national network's manifest (a line per file
    /// and per warning) runs to hundreds of megabytes, never held whole.
    package func write(to path: String) throws {
        try Disk.replace(at: path) { append in
            var pending: [UInt8] = []
            try lines { line in
                pending += line.utf8
                guard pending.count >= 1 << 16 else { return }
                try pending.withUnsafeBytes(append)
                pending.removeAll(keepingCapacity: true)
            }
            try pending.withUnsafeBytes(append)
        }
    }

    /// The manifest's lines in order, each with its newline.
    private func lines(_ line: (String) throws -> Void) rethrows {
        try line(Self.header + "\n")
        try line("inputs \(StableHash.hex(inputs))\n")
        for warning in warnings {
            let fields = [warning.severity.rawValue, warning.code, warning.message, warning.location?.file ?? "",
                          warning.location.map { "\($0.line)" } ?? "", warning.location.map { "\($0.column)" } ?? "", warning.hint ?? ""]
            try line("diagnostic\t" + fields.map(Self.escape).joined(separator: "\t") + "\n")
        }
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            try line("file \(StableHash.hex(entry.hash)) \(entry.size) \(entry.modified) \(Self.escape(path))\n")
        }
    }

    /// Nil for anything but a manifest this version wrote: the build then
    /// rewrites the whole output, which is always safe.
    package init?(text: String) {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring(String($0)) }[...]
        guard lines.popFirst() == Substring(Self.header), let inputsLine = lines.popFirst(), inputsLine.hasPrefix("inputs "),
              let inputs = UInt64(inputsLine.dropFirst(7), radix: 16) else { return nil }
        self.inputs = inputs
        warnings = []
        files = [:]
        for line in lines where !line.isEmpty {
            if line.hasPrefix("diagnostic\t") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map { Self.unescape($0) }
                guard fields.count == 7, let severity = Diagnostic.Severity(rawValue: fields[0]) else { return nil }
                let location = fields[3].isEmpty ? nil
                    : SourceLocation(file: fields[3], line: Int(fields[4]) ?? 1, column: Int(fields[5]) ?? 1)
                warnings.append(Diagnostic(severity, fields[1], fields[2], at: location, hint: fields[6].isEmpty ? nil : fields[6]))
            } else if line.hasPrefix("file ") {
                let fields = line.split(separator: " ", maxSplits: 4)
                guard fields.count == 5, let hash = UInt64(fields[1], radix: 16), let size = Int(fields[2]),
                      let modified = Int(fields[3]) else { return nil }
                files[Self.unescape(fields[4])] = Entry(hash: hash, size: size, modified: modified)
            } else {
                return nil
            }
        }
    }

    package init(inputs: UInt64, warnings: [Diagnostic], files: [String: Entry]) {
        self.inputs = inputs
        self.warnings = warnings
        self.files = files
    }

    /// Whether every file is still on disk as the build left it.
    package func isIntact(in folder: String) -> Bool {
        let paths = files.keys.sorted()
        return !parallelMap(paths, chunkSize: 256) { path in files[path]!.isOnDisk(at: folder + "/" + path) }.contains(false)
    }

    /// Tabs and newlines cannot appear in a field; paths and messages may hold
    /// anything else. Scalars, not characters: CRLF is one `Character`.
    private static func escape(_ text: String) -> String {
        // Most fields need nothing: one pass over the bytes, then the text as it is
        // (a kept site writes tens of thousands of warnings here, serially, after the pages).
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": escaped.append(contentsOf: "\\t".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case "\r": escaped.append(contentsOf: "\\r".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var result = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: result.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
