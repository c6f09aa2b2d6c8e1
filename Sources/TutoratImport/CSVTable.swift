import TutoratCore

/// A spreadsheet export read as RFC 4180 says, with what spreadsheets really
/// write: UTF-8 with or without a byte-order mark, a comma or (where the
/// decimal mark is a comma, as in France) a semicolon between fields, quoted
/// fields holding separators, quotes (doubled) and line breaks, CRLF or LF.
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The line the record starts on, as an editor counts (the header is line 1).
        public var line: Int
        public var fields: [String]
    }

    /// The header's names, trimmed and in lower case: `Name` and ` name ` are `name`.
    public var header: [String]
    public var rows: [Row]

    /// The table, or the diagnostics saying where the file is not a table.
    public static func parse(_ bytes: [UInt8], path: String) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (nil, [.error("E-CSV", "the file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\"",
                                 at: SourceLocation(file: path, line: invalidLine(bytes)))])
        }
        let separator = Self.separator(of: text)
        var records: [Row] = []
        var diagnostics: [Diagnostic] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1, column = 1, recordLine = 1
        var quoted = false, wasQuoted = false, quoteLine = 1, quoteColumn = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is a blank line, not a row of one empty field.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Row(line: recordLine, fields: fields)) }
            fields = []
        }
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 2
                        continue
                    }
                    quoted = false
                    column += 1
                    pending = next
                    continue
                }
                field.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
                quoteLine = line
                quoteColumn = column
                column += 1
            case "\"":
                diagnostics.append(.error("E-CSV", "a quote inside a field that does not start with one: quote the whole field and double the quote (\"\"like this\"\")",
                                          at: SourceLocation(file: path, line: line, column: column)))
                field.append(scalar)
                column += 1
            case separator:
                endField()
                column += 1
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                fallthrough
            case "\n":
                endRecord()
                line += 1
                column = 1
                recordLine = line
            default:
                if wasQuoted {
                    diagnostics.append(.error("E-CSV", "text after a quoted field's closing quote: quote the whole field",
                                              at: SourceLocation(file: path, line: line, column: column)))
                    wasQuoted = false
                }
                field.append(scalar)
                column += 1
            }
        }
        if quoted {
            diagnostics.append(.error("E-CSV", "a quoted field is never closed: a quote is missing",
                                      at: SourceLocation(file: path, line: quoteLine, column: quoteColumn)))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            return (nil, diagnostics + [.error("E-CSV", "the file is empty: the first row names the fields", at: SourceLocation(file: path))])
        }
        let header = first.fields.map { $0.trimmingWhitespace().lowercased() }
        var seen: [String: Int] = [:]
        var filled = Set<Int>()
        for row in records.dropFirst() { for (index, field) in row.fields.enumerated() where !field.isEmpty { filled.insert(index) } }
        for (index, name) in header.enumerated() {
            let at = SourceLocation(file: path, line: 1, column: index + 1)
            if name.isEmpty, filled.contains(index) {
                diagnostics.append(.error("E-CSV", "column \(index + 1) has values but no name in the first row", at: at))
            } else if let earlier = seen[name], !name.isEmpty {
                diagnostics.append(.error("E-CSV", "column '\(name)' is named twice (columns \(earlier + 1) and \(index + 1))", at: at))
            }
            seen[name] = seen[name] ?? index
        }
        for row in records.dropFirst() where row.fields.count > header.count {
            diagnostics.append(.error("E-CSV", "this row has \(row.fields.count) fields and the first row names \(header.count)",
                                      at: SourceLocation(file: path, line: row.line)))
        }
        return (diagnostics.hasErrors ? nil : CSVTable(header: header, rows: Array(records.dropFirst())), diagnostics)
    }

    /// A semicolon when the header has more of them than commas, outside quotes.
    static func separator(of text: String) -> Unicode.Scalar {
        var commas = 0, semicolons = 0, quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// The line of the first byte that is not UTF-8.
    private static func invalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1, start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
