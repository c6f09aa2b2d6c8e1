import TutoratCore
import TutoratYAML

/// The result of decoding one file: the document when it is usable, and every
/// problem found in it.
public struct Decoded<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]
}

/// One decoder per kind of file in the content format: bytes in, a typed
/// document and positioned diagnostics out. No other module sees YAML.
public enum DocumentDecoder {
    public static func siteConfig(_ bytes: [UInt8], path: String) -> Decoded<SiteConfig> {
        let session = DecodeSession(file: path, lineOffset: 0)
        let root = session.parseFile(bytes)
        if root == nil, session.diagnostics.contains(where: { $0.code == "E-CONTROL" }) {
            return Decoded(value: nil, diagnostics: session.diagnostics)
        }
        let value: SiteConfig? = session.rootFields(root, known: [
            "title", "organisation", "language", "base_url", "theme", "as_of", "unsafe_html", "rules", "retention_months",
        ]).flatMap { fields in
            let title = fields.string("title", required: true)
            let organisation = fields.string("organisation", required: true)
            var config = SiteConfig(path: path, title: title ?? "", organisation: organisation ?? "")
            config.language = fields.choice("language") ?? .fr
            if let base = fields.located("base_url"), !base.value.isEmpty {
                if let problem = BaseURL.problem(base.value) {
                    session.error("E-URL", problem, at: base.location,
                                  hint: "write the address where the site is published, e.g. 'base_url: https://intranet.example/tutorat/', or leave it out for relative links")
                } else {
                    config.baseURL = base.value
                }
            }
            config.theme = fields.string("theme") ?? "default"
            config.asOf = fields.day("as_of")?.value
            config.unsafeHTML = fields.bool("unsafe_html") ?? false
            config.retentionMonths = fields.int("retention_months", minimum: 0) ?? SiteConfig.defaultRetentionMonths
            if let node = fields.node("rules"),
               let rules = session.fields(node, known: ["max_tutees_per_tutor", "meeting_gap_days", "first_session_days",
                                                        "liaison_gap_days", "exchange_gap_days", "concern_action_days"]
                                              + RuleCode.allCases.map(\.rawValue), what: "'rules'") {
                config.rules.maxTuteesPerTutor = rules.int("max_tutees_per_tutor", minimum: 1) ?? config.rules.maxTuteesPerTutor
                config.rules.meetingGapDays = rules.int("meeting_gap_days", minimum: 1) ?? config.rules.meetingGapDays
                config.rules.firstSessionDays = rules.int("first_session_days", minimum: 1) ?? config.rules.firstSessionDays
                config.rules.liaisonGapDays = rules.int("liaison_gap_days", minimum: 1) ?? config.rules.liaisonGapDays
                config.rules.exchangeGapDays = rules.int("exchange_gap_days", minimum: 1) ?? config.rules.exchangeGapDays
                config.rules.concernActionDays = rules.int("concern_action_days", minimum: 1) ?? config.rules.concernActionDays
                for code in RuleCode.allCases {
                    // YAML reads `off` and `no` as false: accept both spellings.
                    switch rules.string(code.rawValue) {
                    case "false", "no", "False": config.rules.settings[code] = .off
                    case nil, "true", "yes", "on", "True": break
                    default: if let setting: RuleSetting = rules.choice(code.rawValue) { config.rules.settings[code] = setting }
                    }
                }
            }
            if let theme = fields.located("theme"), !Identifier.isValid(theme.value) {
                session.error("E-ID", "theme name '\(theme.value)' is not a valid folder name", at: theme.location,
                              hint: "use lowercase letters, digits and hyphens")
            }
            config.extra = fields.extra
            return title == nil || organisation == nil ? nil : config
        }
        return Decoded(value: value, diagnostics: session.diagnostics)
    }

    public static func framework(_ bytes: [UInt8], id: String, path: String) -> Decoded<Framework> {
        let session = DecodeSession(file: path, lineOffset: 0)
        let root = session.parseFile(bytes)
        if root == nil, session.diagnostics.contains(where: { $0.code == "E-CONTROL" }) {
            return Decoded(value: nil, diagnostics: session.diagnostics)
        }
        let value: Framework? = session.rootFields(root, known: ["title", "description", "scale", "competencies", "private", "visibility"]).flatMap { fields in
            let title = fields.string("title", required: true)
            _ = fields.node("scale", required: true)
            _ = fields.node("competencies", required: true)
            var info = DocumentInfo(id: id, path: path, visibility: fields.visibility(default: .public))
            info.extra = fields.extra
            let description = fields.string("description")
            let scale = fields.records("scale", known: ["level", "label", "description"]).compactMap { level -> ScaleLevel? in
                let number = level.int("level", required: true), label = level.string("label", required: true)
                guard let number, let label else { return nil }
                return ScaleLevel(level: number, label: label)
            }
            let competencies = fields.records("competencies", known: ["id", "title", "group", "target", "description"]).compactMap { entry -> Competency? in
                let id = entry.located("id", required: true)
                let title = entry.string("title", required: true)
                let group = entry.string("group"), target = entry.locatedInt("target")
                guard let id, let title else { return nil }
                return Competency(id: id.value, title: title, group: group, target: target?.value, location: id.location,
                                  targetLocation: target?.location)
            }
            guard let title else { return nil }
            var framework = Framework(info: info, title: title)
            framework.description = description
            framework.scale = scale
            framework.competencies = competencies
            return framework
        }
        return Decoded(value: value, diagnostics: session.diagnostics)
    }

    public static func charter(_ bytes: [UInt8], path: String) -> Decoded<Charter> {
        markdown(bytes, id: "charter", path: path, known: ["title", "version", "adopted", "review", "approved_by"]) { fields, info in
            let title = fields.string("title", required: true)
            var charter = Charter(info: info, title: title ?? "")
            charter.version = fields.string("version")
            charter.adopted = fields.day("adopted")?.value
            charter.review = fields.day("review")?.value
            charter.approvedBy = fields.strings("approved_by")
            return title == nil ? nil : charter
        }
    }

    public static func programme(_ bytes: [UInt8], id: String, path: String) -> Decoded<Programme> {
        markdown(bytes, id: id, path: path, known: [
            "title", "kind", "framework", "duration_weeks", "meeting_rhythm_days", "coordinator", "partners", "phases",
            "tutor_requirements",
        ]) { fields, info in
            let title = fields.string("title", required: true)
            var programme = Programme(info: info, title: title ?? "")
            programme.kind = fields.choice("kind")
            programme.framework = fields.located("framework")
            programme.durationWeeks = fields.int("duration_weeks", minimum: 1)
            programme.meetingRhythmDays = fields.int("meeting_rhythm_days", minimum: 1)
            programme.coordinator = fields.string("coordinator")
            programme.partners = fields.strings("partners")
            programme.phases = fields.records("phases", known: ["name", "when", "steps"]).compactMap { phase in
                let name = phase.string("name", required: true)
                let when: PhaseTime? = phase.choice("when", required: true)
                let steps = phase.list("steps").compactMap { step(fields: phase, $0) }
                guard let name, let when else { return nil }
                return Phase(name: name, when: when, steps: steps)
            }
            var seen: Set<String> = []
            for step in programme.trackedSteps where !seen.insert(step.id!).inserted {
                fields.session.error("E-DUPLICATE", "two steps of the programme have the id '\(step.id!)'", at: step.location,
                                     hint: "each step's id names it in the progress files' checklists: give this one another id")
            }
            if let node = fields.node("tutor_requirements"),
               let requirements = fields.session.fields(node, known: ["experience_years", "trained"], what: "'tutor_requirements'") {
                programme.tutorRequirements = TutorRequirements(experienceYears: requirements.int("experience_years", minimum: 0),
                                                                trained: requirements.bool("trained") ?? false,
                                                                location: fields.session.location(of: node))
            }
            return title == nil ? nil : programme
        }
    }

    /// A step: plain text, or a mapping with an id to be tracked.
    private static func step(fields phase: Fields, _ node: YAMLNode) -> Step? {
        let session = phase.session
        if let text = node.scalar { return Step(title: text, location: session.location(of: node)) }
        guard let entry = session.fields(node, known: ["id", "title", "owner", "due_days", "from"], what: "each step") else { return nil }
        let id = entry.located("id", required: true), title = entry.string("title", required: true)
        if let id, !Identifier.isValid(id.value) {
            session.error("E-ID", "step id '\(id.value)' is not a valid id", at: id.location,
                          hint: "use lowercase letters, digits and single hyphens, like poste-pret")
        }
        let owner = entry.located("owner"), dueDays = entry.int("due_days")
        let from: StepAnchor = entry.choice("from") ?? .start
        guard let id, let title else { return nil }
        return Step(id: id.value, title: title, owner: owner, dueDays: dueDays, from: from, location: id.location)
    }

    public static func role(_ bytes: [UInt8], id: String, path: String) -> Decoded<Role> {
        markdown(bytes, id: id, path: path, known: ["title", "kind", "summary", "missions", "commitments"]) { fields, info in
            let title = fields.string("title", required: true)
            var role = Role(info: info, title: title ?? "")
            role.kind = fields.choice("kind")
            role.summary = fields.string("summary")
            role.missions = fields.records("missions", known: ["title", "tasks"]).compactMap { mission in
                let title = mission.string("title", required: true), tasks = mission.strings("tasks")
                guard let title else { return nil }
                return Mission(title: title, tasks: tasks)
            }
            role.commitments = fields.strings("commitments")
            return title == nil ? nil : role
        }
    }

    public static func tutor(_ bytes: [UInt8], id: String, path: String) -> Decoded<Tutor> {
        markdown(bytes, id: id, path: path, known: [
            "name", "function", "team", "since", "trained", "capacity", "email", "qualification", "experience_years",
            "minutes_per_week", "exchanges",
        ]) { fields, info in
            let name = fields.string("name", required: true)
            var tutor = Tutor(info: info, name: name ?? "", function: fields.string("function"), team: fields.string("team"),
                              since: fields.string("since"), trained: fields.day("trained")?.value,
                              capacity: fields.int("capacity", minimum: 0), email: fields.string("email"))
            tutor.qualification = fields.string("qualification")
            tutor.experienceYears = fields.int("experience_years", minimum: 0)
            tutor.minutesPerWeek = fields.int("minutes_per_week", minimum: 0)
            tutor.exchanges = fields.days("exchanges")
            return name == nil ? nil : tutor
        }
    }

    public static func page(_ bytes: [UInt8], id: String, path: String) -> Decoded<Page> {
        markdown(bytes, id: id, path: path, known: ["title", "weight", "menu"]) { fields, info in
            let title = fields.string("title", required: true)
            var page = Page(info: info, title: title ?? "")
            page.weight = fields.int("weight") ?? 0
            page.menu = fields.bool("menu") ?? false
            return title == nil ? nil : page
        }
    }

    /// The steps every Markdown kind shares: split, parse the YAML, read
    /// the visibility, keep the body; `build` reads the kind's own fields.
    static func markdown<Value>(
        _ bytes: [UInt8], id: String, path: String, defaultVisibility: Visibility = .public, known: [String],
        build: (Fields, DocumentInfo) -> Value?
    ) -> Decoded<Value> {
        let split: SplitFile
        do {
            split = try FrontMatterSplitter.split(bytes, file: path)
        } catch {
            return Decoded(value: nil, diagnostics: [error.diagnostic])
        }
        let session = DecodeSession(file: path, lineOffset: split.frontMatterLine - 1)
        if let bidi = split.bidiControl { session.report(FrontMatterSplitter.bidiWarning(at: bidi)) }
        let root = split.frontMatter.flatMap { session.parse($0) }
        if split.frontMatter != nil, root == nil, session.diagnostics.hasErrors {
            return Decoded(value: nil, diagnostics: session.diagnostics)
        }
        let value: Value? = session.rootFields(root, known: known + ["private", "visibility"]).flatMap { fields in
            var info = DocumentInfo(id: id, path: path, visibility: fields.visibility(default: defaultVisibility),
                                    extra: fields.extra, body: split.body, bodyLine: split.bodyLine)
            info.links = BodyScanner.scan(split.body, firstLine: split.bodyLine, file: path, session: session)
            return build(fields, info)
        }
        return Decoded(value: value, diagnostics: session.diagnostics)
    }
}

extension DocumentDecoder {
    /// A theme's words: a flat mapping of keys to texts.
    public static func strings(_ bytes: [UInt8], path: String) -> Decoded<[String: String]> {
        let session = DecodeSession(file: path, lineOffset: 0)
        var table: [String: String] = [:]
        if let root = session.parse(bytes) {
            for pair in root.mapping ?? [] {
                guard let key = pair.key.scalar else { continue }
                if let text = pair.value.scalar {
                    table[key] = text
                } else {
                    session.error("E-TYPE", "'\(key)' should be a text, found \(pair.value.kindName)", at: session.location(of: pair.value))
                }
            }
            if root.mapping == nil {
                session.error("E-TYPE", "a strings file should be a mapping of keys to texts", at: session.location(of: root))
            }
        }
        return Decoded(value: table, diagnostics: session.diagnostics)
    }
}
