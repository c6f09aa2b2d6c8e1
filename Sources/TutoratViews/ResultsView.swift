import TutoratCharts
import TutoratCore
import TutoratIndicators
import TutoratMustache
import TutoratSite
import TutoratSource

/// `/results/`: what the scheme achieved, per programme and year of start,
/// each figure with the number of people behind it, or "fewer than 3".
@TemplateFields
public struct ResultsView: Sendable {
    @TemplateFields
    public struct Row: Sendable {
        public var year: Int
        public var followed: String
        public var ended: String
        public var completion: String
        public var interruption: String
        public var endReasons: String
        /// Mean of the tutees' 1-to-5 answers, net promoter score, and who answered among those asked.
        public var satisfaction: String
        public var nps: String
        public var responseRate: String
    }

    @TemplateFields
    public struct Programme: Sendable {
        public var id: String
        public var title: String
        public var href: String
        public var rows: [Row]
        public var chart: ResultsChart?
    }

    public var programmes: [Programme]
}

extension SiteViews {
    func results(_ link: Linker) -> ResultsView {
        let cohorts = Dictionary(grouping: indicators.results, by: \.programme)
        return ResultsView(programmes: site.programmes.compactMap { programme in
            guard let rows = cohorts[programme.info.id] else { return nil }
            return ResultsView.Programme(id: programme.info.id, title: programme.title, href: link.href(.programme(programme.info.id)),
                                       rows: rows.map(resultsRow), chart: resultsChart(rows))
        })
    }

    func resultsRow(_ cohort: CohortResults) -> ResultsView.Row {
        let fewer = strings["fewer_than_3"]
        func count(_ people: Int) -> String { SmallNumbers.count(people).map(String.init) ?? fewer }
        func rate(_ part: Int) -> String {
            SmallNumbers.share(part, of: cohort.ended).map { strings.format("results_rate", percent($0), String(cohort.ended)) } ?? fewer
        }
        // Reasons of fewer than three endings in all would say who left and why.
        let reasons = cohort.ended < SmallNumbers.minimum ? [] : EndReason.allCases.compactMap { reason in
            cohort.endReasons[reason].map { strings.format("results_reason", strings.label("end_reason", reason.rawValue), count($0)) }
        }
        return ResultsView.Row(year: cohort.year, followed: count(cohort.followed), ended: count(cohort.ended),
                               completion: rate(cohort.completed), interruption: rate(cohort.interrupted),
                               endReasons: reasons.isEmpty ? "–" : reasons.joined(separator: ", "),
                               satisfaction: surveyFigure(cohort.opinions.satisfaction, people: cohort.opinions.satisfactionPeople) { mean in
                                   strings.format("results_satisfaction", decimal(mean), String(cohort.opinions.satisfactionPeople))
                               },
                               nps: surveyFigure(cohort.opinions.nps.map(Double.init), people: cohort.opinions.npsPeople) { score in
                                   strings.format("results_nps", (score > 0 ? "+" : "") + String(Int(score)), String(cohort.opinions.npsPeople))
                               },
                               responseRate: surveyFigure(cohort.opinions.due == 0 ? nil : Double(cohort.opinions.answered) / Double(cohort.opinions.due),
                                                          people: cohort.opinions.due) { share in
                                   strings.format("results_rate", percent(share), String(cohort.opinions.due))
                               })
    }

    /// "–" when nobody was asked, "fewer than 3" under `SmallNumbers.minimum`, else the figure.
    func surveyFigure(_ value: Double?, people: Int, _ text: (Double) -> String) -> String {
        guard let value else { return "–" }
        return SmallNumbers.count(people) == nil ? strings["fewer_than_3"] : text(value)
    }

    /// One decimal, with the site language's decimal mark: "4,3", "4.3".
    func decimal(_ value: Double) -> String { OneDecimal.text(value, mark: strings["decimal_mark"]) }

    func resultsChart(_ cohorts: [CohortResults]) -> ResultsChart? {
        ResultsChart(cohorts.map { cohort in
            (cohort.year, SmallNumbers.share(cohort.completed, of: cohort.ended), resultsRow(cohort).completion)
        }, strings: strings)
    }
}
