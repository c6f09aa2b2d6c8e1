/// Numbers with one decimal, the same on every machine: no locale, no
/// Foundation formatter. Written once for charts, `site.json`, pages and CSV.
package enum OneDecimal {
    /// `value` rounded to tenths.
    package static func tenths(_ value: Double) -> Int { Int((value * 10).rounded()) }

    /// `43` tenths as "4.3", `-5` as "-0.5"; `mark` is the language's decimal mark.
    package static func text(tenths: Int, mark: String = ".") -> String {
        (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10)\(mark)\(abs(tenths) % 10)"
    }

    package static func text(_ value: Double, mark: String = ".") -> String { text(tenths: tenths(value), mark: mark) }
}
