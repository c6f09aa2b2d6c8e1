import TutoratCore
import TutoratSource
import TutoratMustache

/// A date as a page shows it: machine-readable for `<time datetime>` and
/// written out in the site's language ("1er octobre 2026", "1 October 2026").
@TemplateFields
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

    static let frenchShortMonths = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    static let englishShortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "oct." / "Oct", for chart axes.
    public static func shortMonth(_ day: Day, language: Language) -> String {
        (language == .fr ? frenchShortMonths : englishShortMonths)[day.month - 1]
    }

    /// "oct. 2026" / "Oct 2026".
    public static func month(from day: Day, language: Language) -> String {
        "\(shortMonth(day, language: language)) \(day.year)"
    }

    /// "octobre 2026" / "October 2026", for month headings.
    public static func month(_ day: Day, language: Language) -> String {
        switch language {
        case .fr: return "\(frenchMonths[day.month - 1]) \(day.year)"
        case .en: return "\(englishMonths[day.month - 1]) \(day.year)"
        }
    }
}
