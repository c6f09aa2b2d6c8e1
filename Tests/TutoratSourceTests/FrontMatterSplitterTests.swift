import Testing
import TutoratCore
@testable import TutoratSource

@Suite struct FrontMatterSplitterTests {
    func split(_ text: String) throws(DiagnosticError) -> SplitFile {
        try FrontMatterSplitter.split(Array(text.utf8), file: "content/pages/x.md")
    }

    @Test func splitsFrontMatterAndBodyWithLines() throws {
        let file = try split("---\ntitle: A\nweight: 2\n---\n# Body\n")
        #expect(file.frontMatter.map { String(decoding: $0, as: UTF8.self) } == "title: A\nweight: 2\n")
        #expect(file.frontMatterLine == 2)
        #expect(file.body == "# Body\n")
        #expect(file.bodyLine == 5)
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let file = try split("# Title\n\nText\n")
        #expect(file.frontMatter == nil)
        #expect(file.body == "# Title\n\nText\n")
        #expect(file.bodyLine == 1)
    }

    @Test func acceptsByteOrderMarkAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nLine one\r\nLine two\r\n".utf8)
        let file = try FrontMatterSplitter.split(bytes, file: "x.md")
        #expect(file.frontMatter.map { String(decoding: $0, as: UTF8.self) } == "title: A\n")
        #expect(file.body == "Line one\nLine two\n")
        #expect(file.bodyLine == 4)
    }

    @Test func dotsCloseTheFrontMatter() throws {
        let file = try split("---\ntitle: A\n...\nBody")
        #expect(file.frontMatter.map { String(decoding: $0, as: UTF8.self) } == "title: A\n")
        #expect(file.body == "Body")
    }

    @Test func dashesInsideAValueDoNotCloseIt() throws {
        let file = try split("---\ntitle: a---b\nnote: --- x\n---\nBody\n")
        #expect(file.frontMatter.map { String(decoding: $0, as: UTF8.self) } == "title: a---b\nnote: --- x\n")
        #expect(file.bodyLine == 5)
    }

    @Test func emptyFrontMatterAndFileEndingAtFence() throws {
        let file = try split("---\n---")
        #expect(file.frontMatter == [])
        #expect(file.body == "")
    }

    @Test func unterminatedFrontMatterIsAnErrorOnLineOne() {
        #expect(throws: DiagnosticError.self) { try split("---\ntitle: A\nbody text\n") }
        do {
            _ = try split("---\ntitle: A\n")
        } catch {
            #expect(error.diagnostic.location == SourceLocation(file: "content/pages/x.md", line: 1, column: 1))
            #expect(error.diagnostic.code == "E-FRONTMATTER")
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: DiagnosticError.self) {
            try FrontMatterSplitter.split([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A], file: "x.md")
        }
    }
}
