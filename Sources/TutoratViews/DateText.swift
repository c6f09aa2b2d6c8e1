import TutoratCore
import TutoratSource

/// A date as a page shows it: machine-readable for `<time datetime>` and
/// written out in the site's language ("1er octobre 2026", "1 October 2026").
public struct DateText: Sendable, Equatable {
    public var iso: String
    public var text: String

    public init(_ day: Day, language: Language) {
        iso = day.iso
        text = DateText.long(day, language: language)
    }

    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                               "septembre", "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    public static func long(_ day: Day, language: Language) -> String {
        switch language {
        case .fr: return "\(day.day == 1 ? "1er" : String(day.day)) \(frenchMonths[day.month - 1]) \(day.year)"
        case .en: return "\(day.day) \(englishMonths[day.month - 1]) \(day.year)"
        }
    }

    /// "octobre 2026" / "October 2026", for month headings.
    public static func month(_ day: Day, language: Language) -> String {
        switch language {
        case .fr: return "\(frenchMonths[day.month - 1]) \(day.year)"
        case .en: return "\(englishMonths[day.month - 1]) \(day.year)"
        }
    }
}
