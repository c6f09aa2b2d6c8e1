import Testing
@testable import TutoratMustache

@Suite struct MarkupEscapingTests {
    @Test func escapesTheFiveMarkupCharacters() {
        #expect(MarkupEscaping.escape(#"<a href="x">O'Neil & co</a>"#) == "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;")
        #expect(MarkupEscaping.escape("Équipe d’accueil") == "Équipe d’accueil")
    }
}

@Suite struct ByteBufferTests {
    /// A buffer grown well past its first room (by realloc, several times) keeps every byte in order.
    @Test func growingKeepsEveryByte() {
        let buffer = ByteBuffer(capacity: 64)
        var expected: [UInt8] = []
        for round in 0..<5_000 {
            let chunk = Array("ligne \(round) <é>\n".utf8)
            if round.isMultiple(of: 2) { buffer.append(chunk) } else { buffer.appendEscaped(String(decoding: chunk, as: UTF8.self)) }
            expected += round.isMultiple(of: 2) ? chunk : Array("ligne \(round) &lt;é&gt;\n".utf8)
        }
        #expect(expected.count > 64 * 1024)
        #expect(buffer.bytes == expected)
    }
}
