import TutoratCore
import TutoratSite
import TutoratSource

/// iCalendar files (RFC 5545) of tutoring events: sessions, evaluations and
/// objective due dates, as all-day events. UIDs are stable from one build to
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

    /// A tutee's calendar, private like their page.
    public static func tutee(_ tutee: Tutee, views: SiteViews) -> String {
        calendar(name: tutee.name, events: events(of: tutee, shownAs: tutee.name, views: views), views: views)
    }

    /// A tutor's calendar: the events of every tutee they accompany. It sits
    /// beside the tutor's page, so private tutees appear by initials only, and
    /// without what their progress file says (session and evaluation notes,
    /// objectives): only the date and the kind of each event.
    public static func tutor(_ tutor: Tutor, views: SiteViews, isPrivatePage: Bool) -> String {
        let events = views.site.tutees(ofTutor: tutor.info.id).flatMap { tutee in
            let hidden = tutee.info.isPrivate && !isPrivatePage
            return self.events(of: tutee, shownAs: hidden ? SiteViews.initials(of: tutee.name) : tutee.name, details: !hidden, views: views)
        }
        return calendar(name: tutor.name, events: events.sorted { ($0.day, $0.uid) < ($1.day, $1.uid) }, views: views)
    }

    static func events(of tutee: Tutee, shownAs name: String, details withDetails: Bool = true, views: SiteViews) -> [Event] {
        let strings = views.strings
        var events: [Event] = []
        var seen: [String: Int] = [:]
        func uid(_ kind: String, _ day: Day) -> String {
            let key = "\(kind)-\(tutee.info.id)-\(day.iso)"
            seen[key, default: 0] += 1
            let count = seen[key]!
            return (count == 1 ? key : "\(key)-\(count)") + "@tutorat"
        }
        for session in tutee.sessions.sorted(by: { $0.date.value < $1.date.value }) {
            let kind = strings.label("session", session.kind.rawValue)
            var details: [String] = []
            if let minutes = session.minutes { details.append("\(minutes) min") }
            if withDetails, let summary = session.summary { details.append(summary) }
            events.append(Event(uid: uid("session", session.date.value), day: session.date.value,
                                summary: "\(kind) · \(name)", description: details.isEmpty ? nil : details.joined(separator: "\n"),
                                category: strings["calendar_session"]))
        }
        for evaluation in tutee.evaluations.sorted(by: { $0.date.value < $1.date.value }) {
            let details = withDetails ? [evaluation.summary, evaluation.outcome].compactMap { $0 } : []
            events.append(Event(uid: uid("evaluation", evaluation.date.value), day: evaluation.date.value,
                                summary: "\(strings.label("evaluation", evaluation.kind.rawValue)) · \(name)",
                                description: details.isEmpty ? nil : details.joined(separator: "\n"),
                                category: strings["calendar_evaluation"]))
        }
        for objective in tutee.objectives {
            guard let due = objective.due, objective.status != .dropped else { continue }
            let title = withDetails ? "\(strings["calendar_due"]) · \(objective.title) · \(name)" : "\(strings["calendar_due"]) · \(name)"
            events.append(Event(uid: uid("objective", due), day: due, summary: title,
                                description: strings.label("objective", objective.status.rawValue), category: strings["calendar_objective"]))
        }
        return events
    }

    static func calendar(name: String, events: [Event], views: SiteViews) -> String {
        let stamp = compact(views.site.asOf) + "T000000Z"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tutorat//\(views.generator)//\(views.site.config.language.rawValue.uppercased())",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escape("\(name) · \(views.site.config.title)")]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stamp,
                      "DTSTART;VALUE=DATE:" + compact(event.day), "DTEND;VALUE=DATE:" + compact(event.day.adding(days: 1)),
                      "SUMMARY:" + escape(event.summary)]
            if let description = event.description { lines.append("DESCRIPTION:" + escape(description)) }
            lines += ["CATEGORIES:" + escape(event.category), "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ day: Day) -> String {
        var iso = day.iso
        iso.removeAll { $0 == "-" }
        return iso
    }

    /// TEXT values escape backslashes, semicolons, commas and line breaks.
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
    /// never inside a UTF-8 sequence.
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
