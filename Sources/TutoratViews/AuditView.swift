import TutoratCore
import TutoratIndicators
import TutoratLanguage
import TutoratMustache
import TutoratSite
import TutoratSource

/// `/dashboard/audit/`: the evidence a quality auditor asks for, gathered in
/// one private folder, with the question each file answers.
@TemplateFields
public struct AuditView: Sendable {
    @TemplateFields
    public struct Question: Sendable {
        public var question: String
        public var answers: [LinkView]
    }

    @TemplateFields
    public struct Programme: Sendable {
        public var id: String
        public var title: String
        public var href: String
        public var trailHref: String
        public var figures: [Stat]
    }

    public var asOf: DateText
    public var questions: [Question]
    public var programmes: [Programme]
}

extension SiteViews {
    func audit(_ link: Linker) -> AuditView {
        let trails = site.programmes.map { LinkView(label: strings.format("audit_trail_of", $0.title), href: link.href(Export.evidence($0.info.id).path)) }
        let tutors = LinkView(label: strings["audit_tutors_file"], href: link.href(Export.auditTutors.path))
        let written = [LinkView(label: site.charter.title, href: link.href(.charter))]
            + site.programmes.map { LinkView(label: $0.title, href: link.href(.programme($0.info.id))) }
            + [LinkView(label: strings["roles_title"], href: link.href(.roles))]
        let questions: [(String, [LinkView])] = [
            ("audit_q_written", written),
            ("audit_q_followed", trails),
            ("audit_q_partner", trails),
            ("audit_q_difficulties", trails + [LinkView(label: strings["dashboard_title"], href: link.href(.dashboard))]),
            ("audit_q_tutors", [tutors]),
            ("audit_q_results", [LinkView(label: strings["results_title"], href: link.href(.results))]),
            ("audit_q_views", [LinkView(label: strings["audit_surveys_file"], href: link.href(Export.auditSurveys.path))]
                + site.surveys.map { LinkView(label: $0.title, href: link.href(.survey($0.info.id))) }),
        ]
        return AuditView(
            asOf: date(site.asOf),
            questions: questions.map { AuditView.Question(question: strings[$0.0], answers: $0.1) },
            programmes: site.programmes.map { programme in
                let figures = AuditFigures(programme, in: site, tutees: indicators.tutees)
                let counts: [(Int, String)] = [
                    (indicators.programmes[programme.info.id]?.tutees ?? 0, "audit_tutees"),
                    (figures.sessionsHeld, "audit_sessions"), (figures.assessments, "audit_assessments"),
                    (figures.evaluations, "audit_evaluations"), (figures.liaisonContacts, "audit_liaison"),
                    (figures.concernsRaised, "audit_concerns_raised"), (figures.concernsOpen, "audit_concerns_open"),
                    (figures.concernsActedOnInTime, "audit_concerns_in_time"),
                    (figures.stepsDone, "audit_steps_done"), (figures.stepsDoneLate, "audit_steps_done_late"), (figures.stepsLate, "audit_steps_late"),
                ]
                return AuditView.Programme(
                    id: programme.info.id, title: programme.title, href: link.href(.programme(programme.info.id)),
                    trailHref: link.href(Export.evidence(programme.info.id).path),
                    figures: counts.map { Stat(value: String($0.0), label: strings.format($0.1, String(site.config.rules.concernActionDays))) })
            })
    }
}
