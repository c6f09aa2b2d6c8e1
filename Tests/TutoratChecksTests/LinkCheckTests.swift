import Testing
@testable import TutoratChecks

@Suite struct LinkCheckTargetTests {
    @Test func resolvesSiteAbsoluteAndRelativeLinks() {
        #expect(LinkCheck.target(of: "/charter/", from: "roles/tuteur/")?.resolved == "charter/")
        #expect(LinkCheck.target(of: "../../charter/#x", from: "roles/tuteur/")?.resolved == "charter/")
        #expect(LinkCheck.target(of: "../tutore/", from: "roles/tuteur/")?.resolved == "roles/tutore/")
        #expect(LinkCheck.target(of: "/", from: "roles/tuteur/")?.resolved == "")
        #expect(LinkCheck.target(of: "/../../etc/passwd", from: "")?.resolved == nil)
        #expect(LinkCheck.target(of: "../../../x", from: "roles/tuteur/") != nil)
        #expect(LinkCheck.target(of: "../../../x", from: "roles/tuteur/")?.resolved == nil)
    }

    @Test func ignoresWhatIsNotALinkIntoTheSite() {
        for destination in ["https://example.org/", "mailto:a@example.org", "#section", "//cdn.example/x", "tel:+33"] {
            #expect(LinkCheck.target(of: destination, from: "charter/") == nil, "\(destination)")
        }
    }
}
