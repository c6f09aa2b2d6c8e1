/// A calendar day, written `YYYY-MM-DD` in content. Kept as numbers rather than
/// `Date` so parsing and comparing cost nothing and never depend on a time zone.
///
/// Stored as one integer, `year << 9 | month << 5 | day`: a progress file holds
/// dozens of dates, a large site hundreds of thousands, and the packed form is
/// a third of three `Int`s and compares in one instruction (the order of the
/// integers is the order of the days, for negative years too).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let packed: Int

    public var year: Int { packed >> 9 }
    public var month: Int { (packed >> 5) & 15 }
    public var day: Int { packed & 31 }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        packed = year << 9 | month << 5 | day
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` and checks the day exists (no 2026-02-30).
    public init?<S: StringProtocol>(iso text: S) {
        let parsed = text.utf8.withContiguousStorageIfAvailable(Day.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Day.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    public var iso: String {
        let year = self.year, month = self.month, day = self.day
        if (0...9999).contains(year) {
            // The common case, as ten ASCII bytes: a small string, no allocation.
            return String(unsafeUninitializedCapacity: 10) { buffer in
                let zero = UInt8(ascii: "0")
                buffer[0] = zero &+ UInt8(year / 1000)
                buffer[1] = zero &+ UInt8(year / 100 % 10)
                buffer[2] = zero &+ UInt8(year / 10 % 10)
                buffer[3] = zero &+ UInt8(year % 10)
                buffer[4] = UInt8(ascii: "-")
                buffer[5] = zero &+ UInt8(month / 10)
                buffer[6] = zero &+ UInt8(month % 10)
                buffer[7] = UInt8(ascii: "-")
                buffer[8] = zero &+ UInt8(day / 10)
                buffer[9] = zero &+ UInt8(day % 10)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { a.packed < b.packed }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (civil calendar, after Howard Hinnant's algorithm).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let m = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(unchecked: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` later, or the month's last day when it is shorter
    /// (2026-08-31 plus 6 months is 2027-02-28). Years are clamped to 1...9999.
    public func adding(months: Int) -> Day {
        let index = min(max(year * 12 + (month - 1) + months, 12), 9999 * 12 + 11)
        let year = index / 12, month = index % 12 + 1
        return Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!
    }

    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Monday is 1, Sunday is 7 (ISO 8601).
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 + 1 }
}
