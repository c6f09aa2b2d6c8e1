import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratSource
import TutoratViews

/// iCalendar files (RFC 5545) of tutoring events: sessions, evaluations,
/// objective due dates and the open steps of the path the calendar's owner
/// is in charge of, as all-day events. UIDs are stable from one build to
/// the next, so a calendar that subscribes to the file updates events instead
/// of duplicating them; DTSTAMP is `as_of`, so output stays reproducible.
public enum CalendarExport {
    struct Event {
        var uid: String
        var day: Day
        var summary: String
        var description: String?
        var category: String
    }

    /// A tutee's calendar, as private as their page.
    public static func tutee(_ tutee: Tutee, views: SiteViews) -> [UInt8] {
        var numbers = UIDNumbers()
        return calendar(name: tutee.name, events: events(of: tutee, hidden: nil, stepsOf: .tutee, numbers: &numbers, views: views), views: views)
    }

    /// A tutor's calendar: the events of every tutee they accompany. It sits
    /// beside the tutor's page and is as private as it: on a page that is not
    /// private, a private tutee appears by initials, and their events carry
    /// only a kind and a date (a session's summary or an objective's title
    /// comes from their private progress file).
    ///
    /// A hidden event's UID names nobody: it is made of the tutor's id (public,
    /// like their page), the kind, the date and a number among the tutor's
    /// hidden events of that kind on that day (taken in the order of the
    /// tutees' ids). A digest of the tutee's id would not do: ids are usually
    /// names, and a list of names gives back whose digest it is.
    public static func tutor(_ tutor: Tutor, views: SiteViews, isPrivatePage: Bool) -> [UInt8] {
        var numbers = UIDNumbers()
        let tutees = views.site.tutees(ofTutor: tutor.info.id).sorted { $0.info.id < $1.info.id }
        let events = tutees.flatMap { tutee in
            self.events(of: tutee, hidden: tutee.info.isPrivate && !isPrivatePage ? tutor.info.id : nil, stepsOf: .tutor, numbers: &numbers,
                        views: views)
        }
        return calendar(name: tutor.name, events: events.sorted { ($0.day, $0.uid) < ($1.day, $1.uid) }, views: views)
    }

    /// How many events of a kind on a day have been given a UID so far.
    struct UIDNumbers {
        var seen: [String: Int] = [:]

        mutating func next(_ key: String) -> Int {
            let count = seen[key, default: 0] + 1
            seen[key] = count
            return count
        }
    }

    /// The events of a tutee. `hidden` is the tutor's id when the calendar is
    /// beside a page that is not private and the tutee is private: then each
    /// event carries its kind, its date and the tutee's initials only, and a
    /// UID made of the tutor's id rather than the tutee's.
    /// `stepsOf` is whose steps of the path the calendar carries: the tutee's, or the tutor's.
    static func events(of tutee: Tutee, hidden tutor: String?, stepsOf owner: RoleKind, numbers: inout UIDNumbers, views: SiteViews) -> [Event] {
        let strings = views.strings, labels = views.labels
        let hidden = tutor != nil
        let name = hidden ? SiteViews.initials(of: tutee.name) : tutee.name
        var events: [Event] = []
        events.reserveCapacity(tutee.sessions.count + tutee.evaluations.count + tutee.objectives.count)
        var seen = UIDNumbers()
        func uid(_ kind: String, _ day: Day) -> String {
            if let tutor {
                let key = "\(kind)-\(day.iso)"
                return "\(key)-\(numbers.next(key))@\(tutor).tutor.tutorat"
            }
            let key = "\(kind)-\(tutee.info.id)-\(day.iso)"
            let count = seen.next(key)
            return (count == 1 ? key : "\(key)-\(count)") + "@tutorat"
        }
        let sessionCategory = strings["calendar_session"]
        for session in tutee.sessions.sorted(by: { $0.date.value < $1.date.value }) {
            let kind = labels.session[session.kind]!
            var details: [String] = []
            if let minutes = session.minutes, !hidden { details.append("\(minutes) min") }
            // How and with whom, when it is not the usual meeting on site between the two.
            if !hidden, session.mode != .onsite || !session.with.isEmpty {
                details.append(([strings.label("mode", session.mode.rawValue)] + session.with.map(views.participant)).joined(separator: ", "))
            }
            if let summary = session.summary, !hidden { details.append(summary) }
            events.append(Event(uid: uid("session", session.date.value), day: session.date.value,
                                summary: "\(kind) · \(name)", description: details.isEmpty ? nil : details.joined(separator: "\n"),
                                category: sessionCategory))
        }
        let evaluationCategory = strings["calendar_evaluation"]
        for evaluation in tutee.evaluations.sorted(by: { $0.date.value < $1.date.value }) {
            let details = hidden ? [] : [evaluation.summary, evaluation.outcome].compactMap { $0 }
            events.append(Event(uid: uid("evaluation", evaluation.date.value), day: evaluation.date.value,
                                summary: "\(labels.evaluation[evaluation.kind]!) · \(name)",
                                description: details.isEmpty ? nil : details.joined(separator: "\n"),
                                category: evaluationCategory))
        }
        let due = strings["calendar_due"], objectiveCategory = strings["calendar_objective"]
        for objective in tutee.objectives {
            guard let day = objective.due, objective.status != .dropped else { continue }
            events.append(Event(uid: uid("objective", day), day: day, summary: hidden ? "\(due) · \(name)" : "\(due) · \(objective.title) · \(name)",
                                description: hidden ? nil : labels.objective[objective.status]!, category: objectiveCategory))
        }
        let stepCategory = strings["calendar_step"]
        // Only a tutoring that goes on still has steps to do.
        let path = tutee.status == .active || tutee.status == .planned ? views.indicators.tutees[tutee.info.id]?.path ?? [] : []
        for progress in path.flatMap(\.steps) {
            guard let day = progress.due, !progress.state.isSettled, owns(progress.step, owner, site: views.site) else { continue }
            events.append(Event(uid: uid("step-\(progress.step.id!)", day), day: day,
                                summary: hidden ? "\(stepCategory) · \(name)" : "\(stepCategory) · \(progress.step.title) · \(name)",
                                description: hidden ? nil : views.strings.label("step_state", progress.state.rawValue), category: stepCategory))
        }
        return events
    }

    /// Whether a step falls to a role kind: named as that kind, or through a role sheet of that kind.
    static func owns(_ step: Step, _ kind: RoleKind, site: Site) -> Bool {
        guard let owner = step.owner?.value else { return false }
        return owner == kind.rawValue || site.role(owner)?.kind == kind
    }

    static func calendar(name: String, events: [Event], views: SiteViews) -> [UInt8] {
        var out = ICSWriter()
        out.bytes.reserveCapacity(256 + events.count * 320)
        var stamp: [UInt8] = []
        ByteText.appendCompact(views.site.asOf, to: &stamp)
        stamp.append(contentsOf: "T000000Z".utf8)
        out.line("BEGIN:VCALENDAR")
        out.line("VERSION:2.0")
        out.raw("PRODID:-//tutorat//")
        out.raw(views.generator)
        out.raw("//")
        out.raw(views.site.config.language.rawValue.uppercased())
        out.end()
        out.line("CALSCALE:GREGORIAN")
        out.line("METHOD:PUBLISH")
        out.raw("X-WR-CALNAME:")
        out.escaped("\(name) · \(views.site.config.title)")
        out.end()
        for event in events {
            out.line("BEGIN:VEVENT")
            out.raw("UID:")
            out.escaped(event.uid)
            out.end()
            out.raw("DTSTAMP:")
            out.raw(stamp)
            out.end()
            out.raw("DTSTART;VALUE=DATE:")
            out.day(event.day)
            out.end()
            out.raw("DTEND;VALUE=DATE:")
            out.day(event.day.adding(days: 1))
            out.end()
            out.raw("SUMMARY:")
            out.escaped(event.summary)
            out.end()
            if let description = event.description {
                out.raw("DESCRIPTION:")
                out.escaped(description)
                out.end()
            }
            out.raw("CATEGORIES:")
            out.escaped(event.category)
            out.end()
            out.line("TRANSP:TRANSPARENT")
            out.line("END:VEVENT")
        }
        out.line("END:VCALENDAR")
        return out.bytes
    }

    /// Writes content lines as bytes, folding each as it goes: a line is cut
    /// before the scalar that would take it past 75 octets, exactly where
    /// `fold` cuts the whole line, and escaping TEXT as `escape` does.
    struct ICSWriter {
        var bytes: [UInt8] = []
        /// Octets on the current physical line.
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if byte & 0xC0 != 0x80 {
                let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                if count + width > 75 {
                    bytes.append(0x0D)
                    bytes.append(0x0A)
                    bytes.append(0x20)
                    count = 1
                }
                count += width
            }
            bytes.append(byte)
        }

        mutating func raw(_ text: UnsafeBufferPointer<UInt8>) {
            for byte in text { append(byte) }
        }

        mutating func raw(_ text: [UInt8]) {
            for byte in text { append(byte) }
        }

        mutating func raw(_ text: String) {
            ByteText.withUTF8(text) { raw($0) }
        }

        mutating func day(_ day: Day) {
            var digits: [UInt8] = []
            digits.reserveCapacity(8)
            ByteText.appendCompact(day, to: &digits)
            raw(digits)
        }

        mutating func end() {
            bytes.append(0x0D)
            bytes.append(0x0A)
            count = 0
        }

        /// A short line that needs no folding nor escaping.
        mutating func line(_ text: StaticString) {
            text.withUTF8Buffer { raw($0) }
            end()
        }

        mutating func escaped(_ text: String) {
            ByteText.withUTF8(text) { utf8 in
                if ByteText.touchesJoiner(utf8, special: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C }) {
                    raw(CalendarExport.escape(text))
                    return
                }
                var index = 0
                let total = utf8.count
                while index < total {
                    let byte = utf8[index]
                    switch byte {
                    case 0x5C: append(0x5C); append(0x5C)
                    case 0x3B: append(0x5C); append(0x3B)
                    case 0x2C: append(0x5C); append(0x2C)
                    case 0x0A: append(0x5C); append(UInt8(ascii: "n"))
                    case 0x0D:
                        if index + 1 < total, utf8[index + 1] == 0x0A { index += 1 }
                        append(0x5C); append(UInt8(ascii: "n"))
                    default: append(byte)
                    }
                    index += 1
                }
            }
        }
    }

    static func compact(_ day: Day) -> String {
        var iso = day.iso
        iso.removeAll { $0 == "-" }
        return iso
    }

    /// TEXT values escape backslashes, semicolons, commas and line breaks.
    /// The rules over Characters: `ICSWriter.escaped` writes the same bytes
    /// faster, and falls back to this for text where Characters and bytes differ.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space,
    /// never inside a UTF-8 sequence. (`ICSWriter` folds the same way as it
    /// writes; this is the reference for the tests.)
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if count + width > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += width
        }
        return out
    }
}
