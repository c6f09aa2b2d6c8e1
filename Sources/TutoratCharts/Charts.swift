import TutoratCore
import TutoratIndicators
import TutoratLanguage
import TutoratSource
import TutoratMustache

// Geometry for the charts of the progress pages. Views compute every
// coordinate; the theme's templates draw the SVG, so a theme can restyle or
// replace a chart without touching Swift. Coordinates are strings with one
// decimal, so output is the same on every machine.

/// A number for an SVG attribute: one decimal, no locale, no Foundation.
func svgNumber(_ value: Double) -> String { OneDecimal.text(value) }

@TemplateFields
public struct ChartTick: Sendable {
    public var x: String
    public var y: String
    public var label: String
}

/// Level against target for each competency, grouped as in the framework.
@TemplateFields
public struct ProfileChart: Sendable {
    @TemplateFields
    public struct Row: Sendable {
        public var isGroup: Bool
        public var text: String
        public var textY: String
        public var barY: String
        public var barWidth: String
        public var targetX: String?
        public var value: String
        public var reached: Bool
    }

    public var height: Int
    public var label: String
    public var rows: [Row]
    public var ticks: [ChartTick]
    /// Where the value column starts.
    public var valueX: String

    static let left = 8.0, plot = 520.0

    public init?(_ standings: [CompetencyStanding], scale: [ScaleLevel], strings: Strings) {
        guard !standings.isEmpty, let lowest = scale.first?.level, let highest = scale.last?.level, highest > lowest else { return nil }
        let span = Double(highest - lowest)
        func x(_ level: Int) -> Double { Self.left + Self.plot * Double(level - lowest) / span }
        var rows: [Row] = []
        var y = 8.0
        var group: String??
        for standing in standings {
            if standing.group != group, let name = standing.group {
                rows.append(Row(isGroup: true, text: name, textY: svgNumber(y + 14), barY: "0", barWidth: "0", targetX: nil, value: "", reached: false))
                y += 26
            }
            group = standing.group
            let level = standing.level
            let value = (level.map(String.init) ?? "–") + (standing.target.map { " / \($0)" } ?? "")
            rows.append(Row(isGroup: false, text: standing.title, textY: svgNumber(y + 13), barY: svgNumber(y + 19),
                            barWidth: svgNumber(level.map { x($0) - Self.left } ?? 0), targetX: standing.target.map { svgNumber(x($0)) },
                            value: value, reached: standing.reached))
            y += 40
        }
        height = Int(y + 24)
        ticks = scale.map { ChartTick(x: svgNumber(x($0.level)), y: svgNumber(y + 14), label: String($0.level)) }
        valueX = svgNumber(Self.left + Self.plot + 14)
        self.rows = rows
        let reached = standings.filter(\.reached).count, targeted = standings.filter { $0.target != nil }.count
        label = strings.format("chart_profile_label", String(reached), String(targeted))
    }
}

/// Progress towards the targets on each assessment date: the mean over the
/// assessed competencies of level / target, capped at 1 (see `ProgressPoint`).
@TemplateFields
public struct ProgressionChart: Sendable {
    @TemplateFields
    public struct Point: Sendable {
        public var x: String
        public var y: String
        public var date: DateText
        public var percent: Int
    }

    public var points: [Point]
    public var polyline: String
    public var yTicks: [ChartTick]
    public var xTicks: [ChartTick]
    public var label: String

    static let left = 48.0, right = 620.0, top = 16.0, bottom = 196.0

    public init?(_ progress: [ProgressPoint], start: Day, language: Language, strings: Strings) {
        guard let first = progress.first, let last = progress.last else { return nil }
        let from = min(start, first.date), to = max(last.date, from.adding(days: 1))
        let days = Double(from.days(until: to))
        func x(_ day: Day) -> Double { Self.left + (Self.right - Self.left) * Double(from.days(until: day)) / days }
        func y(_ share: Double) -> Double { Self.bottom - (Self.bottom - Self.top) * share }
        points = progress.map {
            Point(x: svgNumber(x($0.date)), y: svgNumber(y($0.share)), date: DateText($0.date, language: language),
                  percent: Int(($0.share * 100).rounded()))
        }
        polyline = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        yTicks = [0, 50, 100].map {
            ChartTick(x: svgNumber(Self.left - 8), y: svgNumber(y(Double($0) / 100)), label: strings.format("percent", String($0)))
        }
        xTicks = [from, to].map { ChartTick(x: svgNumber(x($0)), y: svgNumber(Self.bottom + 20), label: DateText.month(from: $0, language: language)) }
        label = strings.format("chart_progress_label", String(points.first!.percent), String(points.last!.percent))
    }
}

/// Sessions along the tutoring period; gaps longer than the rhythm are marked.
@TemplateFields
public struct TimelineChart: Sendable {
    @TemplateFields
    public struct Gap: Sendable {
        public var x: String
        public var width: String
        public var labelX: String
        public var days: Int
    }

    /// A session: where it falls, and how it took place (a distinct mark per mode).
    @TemplateFields
    public struct Mark: Sendable {
        public var x: String
        public var mode: String
    }

    @TemplateFields
    public struct LegendMode: Sendable {
        public var mode: String
        public var label: String
    }

    public var sessions: [Mark]
    /// The modes the timeline shows, for its legend.
    public var modes: [LegendMode]
    public var gaps: [Gap]
    public var todayX: String?
    public var ticks: [ChartTick]
    public var label: String

    static let left = 8.0, right = 632.0

    public init?(_ numbers: TuteeIndicators, start: Day, end: Day?, asOf: Day, active: Bool, language: Language, strings: Strings) {
        guard start <= asOf else { return nil }
        // An ongoing tutoring runs to its end or today; one that is over, to its end.
        let to = max(active ? max(end ?? asOf, asOf) : min(end ?? asOf, asOf), start.adding(days: 1))
        let days = Double(start.days(until: to))
        func x(_ day: Day) -> Double { Self.left + (Self.right - Self.left) * Double(start.days(until: day)) / days }
        // Worked out from the tutee's sessions at each read: read once.
        let dates = numbers.sessionDates
        let shown = zip(dates, numbers.sessionModes).filter { $0.0 >= start }
        sessions = shown.map { Mark(x: svgNumber(x($0.0)), mode: $0.1.rawValue) }
        let present = Set(shown.map(\.1))
        modes = SessionMode.allCases.filter(present.contains).map { LegendMode(mode: $0.rawValue, label: strings.label("mode", $0.rawValue)) }
        var gaps: [Gap] = []
        var previous = start
        let stops = dates.filter { $0 >= start } + (active ? [asOf] : [])
        for day in stops {
            let length = previous.days(until: day)
            if length > numbers.rhythmDays {
                let left = x(previous), right = x(day)
                gaps.append(Gap(x: svgNumber(left), width: svgNumber(right - left), labelX: svgNumber((left + right) / 2), days: length))
            }
            previous = day
        }
        self.gaps = gaps
        todayX = active && asOf < to ? svgNumber(x(asOf)) : nil
        var ticks: [ChartTick] = []
        var month = Day(year: start.year, month: start.month, day: 1)!
        while month <= to {
            if month >= start { ticks.append(ChartTick(x: svgNumber(x(month)), y: "78", label: DateText.shortMonth(month, language: language))) }
            month = month.month == 12 ? Day(year: month.year + 1, month: 1, day: 1)! : Day(year: month.year, month: month.month + 1, day: 1)!
        }
        self.ticks = ticks
        let byMode = SessionMode.allCases.map { mode in
            "\(strings.label("mode", mode.rawValue)) \(shown.filter { $0.1 == mode }.count)"
        }.joined(separator: ", ")
        label = strings.format("chart_timeline_label", String(numbers.meetingsHeld), String(gaps.count), byMode)
    }
}

/// Objectives as one stacked bar: done, in progress, to do.
@TemplateFields
public struct ObjectivesChart: Sendable {
    @TemplateFields
    public struct Segment: Sendable {
        public var status: String
        public var label: String
        public var count: Int
        public var x: String
        public var width: String
    }

    public var segments: [Segment]
    public var label: String

    public init?(_ objectives: [Objective], strings: Strings) {
        let counted = objectives.filter { $0.status != .dropped }
        guard !counted.isEmpty else { return nil }
        var x = 0.0
        segments = [ObjectiveStatus.done, .doing, .todo].compactMap { status in
            let count = counted.filter { $0.status == status }.count
            guard count > 0 else { return nil }
            let width = 640.0 * Double(count) / Double(counted.count)
            defer { x += width }
            return Segment(status: status.rawValue, label: strings.label("objective", status.rawValue), count: count,
                           x: svgNumber(x), width: svgNumber(width))
        }
        label = segments.map { strings.format("chart_objectives_item", $0.label, String($0.count)) }.joined(separator: ", ")
    }
}

/// Completion per year of start, one bar a year. A year whose rate is
/// withheld (fewer than 3 endings) keeps its row, with the words instead of a bar.
@TemplateFields
public struct ResultsChart: Sendable {
    @TemplateFields
    public struct Bar: Sendable {
        public var year: String
        public var y: String
        public var textY: String
        public var width: String?
        public var value: String
        public var valueX: String
    }

    public var bars: [Bar]
    public var height: String
    public var label: String

    static let left = 64.0, full = 480.0, step = 32.0

    /// `years` pairs a year with its completion share (nil when withheld) and the text saying it.
    public init?(_ years: [(year: Int, share: Double?, text: String)], strings: Strings) {
        guard !years.isEmpty else { return nil }
        bars = years.enumerated().map { index, row in
            let y = 8 + Double(index) * Self.step
            let width = row.share.map { max(1, Self.full * $0) }
            return Bar(year: String(row.year), y: svgNumber(y), textY: svgNumber(y + 17), width: width.map(svgNumber),
                       value: row.text, valueX: svgNumber(Self.left + (width ?? 0) + 8))
        }
        height = svgNumber(16 + Double(years.count) * Self.step)
        label = years.map { strings.format("chart_results_item", String($0.year), $0.text) }.joined(separator: ", ")
    }
}
