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

    /// The first bad byte is found by skipping ASCII and decoding the rest
    /// scalar by scalar: the same offset as one decoder reading from the start.
    @Test func invalidUTF8IsReportedAtItsFirstBadByte() {
        func reference(_ bytes: [UInt8]) -> Int? {
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var offset = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
        let bad: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80]]
        let good: [[UInt8]] = [Array("é".utf8), Array("’".utf8), Array("😀".utf8), Array("a\n".utf8), [0x0A]]
        for prefix in good {
            for other in good {
                for error in bad {
                    let text = Array("---\ntitle: x\n".utf8) + prefix + other + error + Array("\n---\n".utf8)
                    let offset = reference(text)!
                    let line = text[..<offset].filter { $0 == 0x0A }.count + 1
                    let lineStart = text[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    let column = String(decoding: text[lineStart..<offset], as: UTF8.self).count + 1
                    do {
                        _ = try FrontMatterSplitter.split(text, file: "x.md")
                        Issue.record("accepted \(text)")
                    } catch {
                        #expect(error.diagnostic.code == "E-UTF8")
                        #expect(error.diagnostic.location == SourceLocation(file: "x.md", line: line, column: column), "\(prefix) \(other) \(error)")
                    }
                }
            }
        }
    }
}
