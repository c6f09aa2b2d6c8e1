import Foundation
import Testing
import TutoratCore
import TutoratSource
import TutoratTestSupport
@testable import TutoratServe

/// The assessment, checklist, concern and action forms, posted on the care-home fixture.
@Suite(.serialized, .timeLimit(.minutes(2))) struct EditServePathTests {
    let base = EditServeTests()

    /// The first option of the select `name` in a page.
    func firstOption(_ name: String, in page: String) -> String? {
        guard let select = page.range(of: "name=\"\(name)\""), let option = page[select.upperBound...].range(of: "<option value=\"") else { return nil }
        return String(page[option.upperBound...].prefix { $0 != "\"" })
    }

    func tutee(_ running: EditServeTests.Running) throws -> Tutee {
        try #require(DocumentDecoder.tutee(try running.bytes(), id: running.tutee.id, path: running.file).value)
    }

    @Test func eachFormOfThePathRecordsItsEntry() async throws {
        let running = try await base.start()
        defer { Task { await base.stop(running) } }
        let id = running.tutee.id
        var page = try await running.http.get("/tutees/\(id)/").text
        let token = try #require(base.hidden("token", in: page))
        func post(_ form: String, _ fields: [(String, String)]) async throws -> RawHTTP.Response {
            let hash = try #require(base.hidden("hash", in: page))
            let response = try await running.http.post("/__tutorat/edit/\(id)/\(form)", body: formBody([("token", token), ("hash", hash)] + fields))
            page = try await running.http.get("/tutees/\(id)/").text
            return response
        }

        let competency = try #require(firstOption("competency", in: page), "the fixture's programme has a framework")
        let level = try #require(firstOption("level", in: page))
        let before = try tutee(running)
        #expect(try await post("assessment", [("date", "2027-03-09"), ("competency", competency), ("level", level), ("by", "tutee"),
                                              ("note", "Auto-évaluation: à l'aise")]).status == 303)
        let assessed = try tutee(running)
        let record = try #require(assessed.competencies.last { $0.id.value == competency })
        #expect(record.assessments.last.map { "\($0.date.iso) \($0.level) \($0.by) \($0.note ?? "")" }
            == "2027-03-09 \(level) tutee Auto-évaluation: à l'aise")

        #expect(try await post("assessment", [("date", "2027-03-09"), ("competency", competency), ("level", "99")]).status == 422,
                "a level off the scale")

        #expect(try await post("concern", [("date", "2027-03-08"), ("raised_by", "tutor"), ("category", "organisational"),
                                           ("summary", "Planning changé sans prévenir")]).status == 303)
        let concerned = try tutee(running)
        #expect(concerned.concerns.count == before.concerns.count + 1)
        #expect(concerned.concerns.last?.summary == "Planning changé sans prévenir")
        #expect(page.contains("Planning changé sans prévenir"))

        let concern = String(concerned.concerns.count - 1)
        #expect(page.contains("<option value=\"\(concern)\""), "the new concern is open: it can be acted on")
        #expect(try await post("action", [("concern", concern), ("date", "2027-03-09"), ("by", "supervisor"), ("action", "Entretien avec le cadre")]).status == 303)
        #expect(try tutee(running).concerns.last?.actions.last?.action == "Entretien avec le cadre")

        #expect(try tutee(running).sessions.count == before.sessions.count)
    }

    @Test func aStepOfThePathIsMarked() async throws {
        let running = try await base.start()
        defer { Task { await base.stop(running) } }
        // The first tutee of the fixture whose programme has a step left to mark.
        var found: (id: String, page: String, step: String)?
        for id in CareHome.ids("tutees") {
            let page = try await running.http.get("/tutees/\(id)/").text
            if let step = firstOption("step", in: page) { found = (id, page, step); break }
        }
        let (id, page, step) = try #require(found, "a tutee of the fixture has a step left to mark")
        let token = try #require(base.hidden("token", in: page)), hash = try #require(base.hidden("hash", in: page))
        let file = running.site + "/content/tutees/\(id).md"
        func post(_ step: String) async throws -> Int {
            try await running.http.post("/__tutorat/edit/\(id)/checklist", body: formBody([("token", token), ("hash", hash), ("step", step), ("date", "2027-03-09")])).status
        }
        #expect(try await post("not-a-step") == 422)
        #expect(try await post(step) == 303)
        let marked = try #require(DocumentDecoder.tutee(Array(try Data(contentsOf: URL(fileURLWithPath: file))), id: id, path: file).value)
        #expect(marked.checklist.contains { $0.step.value == step && $0.state == .done(Day(iso: "2027-03-09")!) })
        #expect(!(try await running.http.get("/tutees/\(id)/").text.contains("<option value=\"\(step)\"")), "a step marked is no longer offered")
    }

    @Test func anExchangeIsRecordedOnATutorsPage() async throws {
        let running = try await base.start()
        defer { Task { await base.stop(running) } }
        let id = try #require(CareHome.ids("tutors").first)
        let page = try await running.http.get("/tutors/\(id)/").text
        #expect(page.contains("action=\"/__tutorat/edit/\(id)/exchange\""))
        let token = try #require(base.hidden("token", in: page)), hash = try #require(base.hidden("hash", in: page))
        let posted = try await running.http.post("/__tutorat/edit/\(id)/exchange", body: formBody([("token", token), ("hash", hash), ("date", "2027-03-04")]))
        #expect(posted.status == 303)
        #expect(posted.headers["location"] == "/tutors/\(id)/")
        let file = running.site + "/content/tutors/\(id).md"
        let tutor = try #require(DocumentDecoder.tutor(Array(try Data(contentsOf: URL(fileURLWithPath: file))), id: id, path: file).value)
        #expect(tutor.exchanges.last == Day(iso: "2027-03-04"))
        // A tutee's form cannot be aimed at a tutor's file.
        #expect(try await running.http.post("/__tutorat/edit/\(id)/session", body: formBody([("token", token), ("hash", hash), ("date", "2027-03-04")])).status == 403)
    }
}
