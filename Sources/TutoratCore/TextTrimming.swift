/// Whitespace around what people type in a form or a spreadsheet cell, by
/// Unicode scalar: a `\r\n` pair is two scalars to trim, not one character.
extension StringProtocol {
    package func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    package func trimmingTrailingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
