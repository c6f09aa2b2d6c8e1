import CCmark
import TutoratCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public struct MarkdownOptions: Sendable {
    /// Let the author's raw HTML (blocks and inline tags) through to the page.
    /// Off by default: raw HTML is dropped. Either way, link and image
    /// destinations with a dangerous scheme (see `URLSafety`) are emptied,
    /// because no page of ours needs a `javascript:` link written in Markdown
    /// (an author who really wants one can write the `<a>` tag as raw HTML
    /// when this is on).
    public var unsafeHTML: Bool = false

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }
}

public struct MarkdownHeading: Sendable, Equatable {
    public var level: Int
    /// Plain text: text and code spans, line breaks as spaces, whitespace collapsed.
    public var text: String
    /// Anchor, unique within the document (see `HeadingID`).
    public var id: String
    /// 1-based, within the body.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int

    public init(level: Int, text: String, id: String, line: Int, column: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
        self.column = column
    }
}

public struct MarkdownLink: Sendable, Equatable {
    /// As the author wrote it (entities decoded, reference links resolved),
    /// even when it is unsafe and left out of the HTML.
    public var destination: String
    public var isImage: Bool
    /// 1-based, within the body: where the `[`, `![` or `<` is.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// One Markdown body, parsed once by cmark. Headings, links and text are
/// collected while parsing; `html(rewriteURL:)` renders the tree.
///
/// Owns the cmark tree and frees it on deinit. `html(rewriteURL:)` edits the
/// tree while it renders (and puts it back), so a document must not be used
/// from two threads at once; it is `Sendable` only so it can be handed over.
public final class MarkdownDocument: @unchecked Sendable {
    public let headings: [MarkdownHeading]
    public let links: [MarkdownLink]
    /// The text of every paragraph, heading and code block, one block a line.
    public let plainText: String
    /// Lines (in the body) where a code fence opens and never closes: cmark
    /// then swallows the rest of the text into the code block.
    public let unterminatedFences: [Int]

    private let root: OpaquePointer
    /// The heading nodes, in the order of `headings`.
    private let headingNodes: [OpaquePointer]
    /// The link and image nodes, in the order of `links`; `safeDestination`
    /// is nil when the destination was unsafe (the node's URL is then empty).
    private let linkNodes: [(node: OpaquePointer, safeDestination: String?)]
    private let summaryText: String

    public init(_ text: String, options: MarkdownOptions = .init()) {
        var text = text
        let parsed = text.withUTF8 { Parsed(bytes: $0, options: options) }
        root = parsed.root
        headings = parsed.headings
        headingNodes = parsed.headingNodes
        links = parsed.links
        linkNodes = parsed.linkNodes
        plainText = parsed.blocks.joined(separator: "\n")
        unterminatedFences = parsed.unterminatedFences
        summaryText = parsed.firstParagraph ?? parsed.blocks.lazy.map(TextTools.collapseWhitespace).first { !$0.isEmpty } ?? ""
    }

    deinit {
        cmark_node_free(root)
    }

    /// Plain text of the first paragraph (or of the first block with text when
    /// there is none), whitespace collapsed, at most `maxLength` characters: a
    /// longer text is cut after a whole word and ends with "…".
    public func summary(maxLength: Int = 200) -> String {
        TextTools.truncate(summaryText, maxLength: maxLength)
    }

    /// HTML of the body, headings with their `id`.
    ///
    /// `rewriteURL` is called once for each safe link and image destination,
    /// in document order, and its result is emitted instead (cmark escapes it
    /// for the attribute). Unsafe destinations are not passed to it and come
    /// out as `href=""` / `src=""`.
    public func html(rewriteURL: (String) -> String = { $0 }) -> String {
        for link in linkNodes {
            if let destination = link.safeDestination {
                cmark_node_set_url(link.node, rewriteURL(destination))
            }
        }

        // cmark's renderer writes bare `<hN>`: render each heading's content
        // (links already rewritten), then stand an HTML block with the id in
        // for the heading while the page renders. Raw HTML from the author was
        // removed at parse time unless allowed, so rendering with
        // CMARK_OPT_UNSAFE only lets through what we mean to.
        var swapped: [(heading: OpaquePointer, block: OpaquePointer)] = []
        swapped.reserveCapacity(headingNodes.count)
        defer {
            for pair in swapped {
                cmark_node_replace(pair.block, pair.heading)
                cmark_node_free(pair.block)
            }
        }
        for (node, heading) in zip(headingNodes, headings) {
            let rendered = Self.render(node)
            let open = "<h\(heading.level)>"
            let close = "</h\(heading.level)>\n"
            guard rendered.hasPrefix(open), rendered.hasSuffix(close),
                  let inner = String(rendered.utf8.dropFirst(open.utf8.count).dropLast(close.utf8.count)),
                  let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(block, "<h\(heading.level) id=\"\(heading.id)\">\(inner)</h\(heading.level)>")
            guard cmark_node_replace(node, block) == 1 else {
                cmark_node_free(block)
                continue
            }
            swapped.append((node, block))
        }
        return Self.render(root)
    }

    private static func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}

/// What one walk over a freshly parsed tree collects.
private struct Parsed {
    var root: OpaquePointer
    var headings: [MarkdownHeading] = []
    var headingNodes: [OpaquePointer] = []
    var links: [MarkdownLink] = []
    var linkNodes: [(node: OpaquePointer, safeDestination: String?)] = []
    /// Plain text of each paragraph, heading and code block.
    var blocks: [String] = []
    /// Collapsed text of the first paragraph with any.
    var firstParagraph: String?
    var unterminatedFences: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, options: MarkdownOptions) {
        // Not CMARK_OPT_SMART: French text keeps its quotes and dashes as typed.
        let parsed = bytes.withMemoryRebound(to: CChar.self) {
            cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_VALIDATE_UTF8)
        }
        guard let parsed else { fatalError("cmark could not allocate a document") }
        root = parsed

        var lines: SourceLines?
        func sourceLines() -> SourceLines {
            if let lines { return lines }
            let made = SourceLines(bytes)
            lines = made
            return made
        }

        var ids = HeadingIDAllocator()
        var blockText: [UInt8] = [] // UTF-8 of the paragraph or heading being walked
        var rawHTML: [OpaquePointer] = []

        guard let iterator = cmark_iter_new(root) else { fatalError("cmark could not allocate an iterator") }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER

            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    blockText.removeAll(keepingCapacity: true)
                } else {
                    if firstParagraph == nil {
                        let collapsed = TextTools.collapseWhitespace(blockText)
                        if !collapsed.isEmpty { firstParagraph = collapsed }
                    }
                    appendBlock(blockText)
                }
            case CMARK_NODE_HEADING:
                if entering {
                    blockText.removeAll(keepingCapacity: true)
                } else {
                    let text = TextTools.collapseWhitespace(blockText)
                    let line = Int(cmark_node_get_start_line(node))
                    let column = sourceLines().characterColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)))
                    headings.append(MarkdownHeading(level: Int(cmark_node_get_heading_level(node)), text: text,
                                                    id: ids.id(for: text), line: line, column: column))
                    headingNodes.append(node)
                    appendBlock(blockText)
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                cleanControlCharacters(node, get: cmark_node_get_literal, set: cmark_node_set_literal)
                if let literal = cmark_node_get_literal(node) {
                    blockText.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                blockText.append(0x20)
            case CMARK_NODE_CODE_BLOCK:
                // cmark 0.30 does not say whether a fence was closed: read the
                // opening line, then check the block's last line closes it.
                let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
                if let fence = sourceLines().fenceOpening(line: start),
                   end == start || !sourceLines().isClosingFence(line: end, character: fence.character, length: fence.length) {
                    unterminatedFences.append(start)
                }
                cleanControlCharacters(node, get: cmark_node_get_literal, set: cmark_node_set_literal)
                if let literal = cmark_node_get_literal(node) {
                    var code = UnsafeRawBufferPointer(start: literal, count: strlen(literal))[...]
                    while code.last == UInt8(ascii: "\n") { code = code.dropLast() }
                    appendBlock(code)
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !options.unsafeHTML { rawHTML.append(node) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard entering else { break }
                cleanControlCharacters(node, get: cmark_node_get_title, set: cmark_node_set_title)
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let safe = !URLSafety.isUnsafe(destination)
                if !safe { cmark_node_set_url(node, "") }
                let line = Int(cmark_node_get_start_line(node))
                let column = sourceLines().inlineCharacterColumn(
                    line: line, byteColumn: Int(cmark_node_get_start_column(node)),
                    endLine: Int(cmark_node_get_end_line(node)), endByteColumn: Int(cmark_node_get_end_column(node)),
                    isImage: isImage)
                links.append(MarkdownLink(destination: destination, isImage: isImage, line: line, column: column))
                linkNodes.append((node, safe ? destination : nil))
            default:
                break
            }
        }

        // Leaves, so freeing them now cannot disturb the finished walk.
        for node in rawHTML { cmark_node_free(node) }
    }

    /// The file's own control characters were refused or removed before
    /// parsing; character references (`&#x202E;`, `&#1;`) bring them back in
    /// text, code and link titles: they go the way `ControlCharacters.cleaned` says.
    private func cleanControlCharacters(_ node: OpaquePointer, get: (OpaquePointer) -> UnsafePointer<CChar>?,
                                        set: (OpaquePointer, UnsafePointer<CChar>?) -> Int32) {
        guard let literal = get(node) else { return }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        guard ControlCharacters.firstBidiControl(in: bytes) != nil || ControlCharacters.firstForbidden(in: bytes) != nil else { return }
        let cleaned = ControlCharacters.cleaned(String(decoding: bytes, as: UTF8.self))
        _ = set(node, cleaned)
    }

    private mutating func appendBlock<Bytes: Collection<UInt8>>(_ text: Bytes) {
        if text.contains(where: { !TextTools.isASCIIWhitespace($0) }) {
            blocks.append(String(decoding: text, as: UTF8.self)) // cmark's output is valid UTF-8
        }
    }
}

enum TextTools {
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Runs of ASCII whitespace become one space, trimmed at both ends.
    /// No-break spaces (French `« `, ` !`) are text and stay as they are.
    static func collapseWhitespace(_ text: String) -> String {
        collapseWhitespace(text.utf8)
    }

    static func collapseWhitespace<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if isASCIIWhitespace(byte) {
                pendingSpace = true
            } else {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// At most `maxLength` characters, ellipsis included; cut before a space
    /// so no word is split (unless the first word alone is too long).
    static func truncate(_ text: String, maxLength: Int) -> String {
        guard maxLength > 0 else { return "" }
        let characters = Array(text)
        guard characters.count > maxLength else { return text }
        let budget = maxLength - 1 // room for "…"
        var cut = budget
        while cut > 0, characters[cut] != " " { cut -= 1 } // characters[cut] == " ": prefix ends a word
        if cut == 0 { cut = budget }
        var kept = characters[..<cut]
        while let last = kept.last, last == " " || last == "," || last == ";" || last == ":" { kept.removeLast() }
        if kept.isEmpty { kept = characters[..<budget] }
        return String(kept) + "…"
    }
}
