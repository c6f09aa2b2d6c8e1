import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratLive
@testable import TutoratPublish

/// A second build writes only what changed, and nothing at all when no input moved.
@Suite(.serialized) struct OutputManifestTests {
    func site() throws -> (site: String, output: String) {
        let site = try CareHome.copy()
        return (site, site + "/public")
    }

    func options(_ site: String, _ output: String) -> BuildOptions {
        BuildOptions(site: site, output: output, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    /// Every file of the output with what a rewrite would change: inode and modification time.
    func stamps(_ folder: String) -> [String: Fingerprint] {
        var stamps: [String: Fingerprint] = [:]
        for path in FileManager.default.enumerator(atPath: folder)!.allObjects as! [String] {
            if let print = Fingerprint(folder + "/" + path), Disk.kind(folder + "/" + path) == .file { stamps[path] = print }
        }
        return stamps
    }

    func contents(_ folder: String) -> [String: Data] {
        var contents: [String: Data] = [:]
        for path in stamps(folder).keys { contents[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        return contents
    }

    @Test func aBuildWithNothingChangedWritesNothing() throws {
        let (site, output) = try site()
        let first = try SiteBuilder.build(options(site, output))
        #expect(first.written == first.files && !first.upToDate)
        let before = stamps(output)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: SiteBuilder.manifestPath(for: output)))

        let second = try SiteBuilder.build(options(site, output))
        #expect(second.upToDate)
        #expect(second.written == 0)
        #expect(second.pages == first.pages && second.files == first.files)
        #expect(stamps(output) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: SiteBuilder.manifestPath(for: output))) == manifest)
    }

    @Test func aChangedFileRewritesOnlyTheFilesWhoseBytesChanged() throws {
        let (site, output) = try site()
        _ = try SiteBuilder.build(options(site, output))
        let before = stamps(output)
        let tutor = site + "/content/tutors/luc-perrin.md"
        try String(contentsOfFile: tutor, encoding: .utf8).replacingOccurrences(of: "Luc Perrin", with: "Luc Perrinet")
            .write(toFile: tutor, atomically: true, encoding: .utf8)

        let report = try SiteBuilder.build(options(site, output))
        #expect(!report.upToDate)
        let after = stamps(output)
        let rewritten = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(rewritten.contains("tutors/luc-perrin/index.html"))
        #expect(rewritten.contains("tutors/index.html"))
        #expect(!rewritten.contains("charter/index.html"))
        #expect(!rewritten.contains("theme/site.css"))
        #expect(report.written == rewritten.count)
        #expect(report.written < report.files / 2)

        // What is on disk is exactly what a first build of the same content writes.
        let clean = site + "/clean"
        _ = try SiteBuilder.build(options(site, clean))
        #expect(contents(output) == contents(clean))
    }

    @Test func aRemovedTuteeLeavesNoFileBehind() throws {
        let (site, output) = try site()
        _ = try SiteBuilder.build(options(site, output))
        #expect(FileManager.default.fileExists(atPath: output + "/tutees/theo-vasseur/index.html"))
        try FileManager.default.removeItem(atPath: site + "/content/tutees/theo-vasseur.md")

        let report = try SiteBuilder.build(options(site, output))
        #expect(report.succeeded)
        #expect(report.removed >= 2)
        #expect(!FileManager.default.fileExists(atPath: output + "/tutees/theo-vasseur"))
        let clean = site + "/clean"
        _ = try SiteBuilder.build(options(site, clean))
        #expect(contents(output) == contents(clean))
    }

    @Test func aFileEditedInTheOutputIsPutBack() throws {
        let (site, output) = try site()
        _ = try SiteBuilder.build(options(site, output))
        let page = output + "/charter/index.html"
        let original = try String(contentsOfFile: page, encoding: .utf8)
        try "defaced".write(toFile: page, atomically: true, encoding: .utf8)

        let report = try SiteBuilder.build(options(site, output))
        #expect(!report.upToDate)
        #expect(report.written == 1)
        #expect(try String(contentsOfFile: page, encoding: .utf8) == original)
    }

    @Test func aBuildAfterServeWroteTheFolderStartsAfresh() throws {
        let (site, output) = try site()
        _ = try SiteBuilder.build(options(site, output))
        #expect(FileManager.default.fileExists(atPath: SiteBuilder.manifestPath(for: output)))

        // serve takes the folder over (its pages carry the reload script), then stops.
        let live = LiveBuild(options: options(site, output), output: output, events: { _ in })
        #expect(try live.start(site: site, force: false).succeeded)
        #expect(live.waitUntilIdle(timeout: .seconds(60)))
        live.stop()
        #expect(!FileManager.default.fileExists(atPath: SiteBuilder.manifestPath(for: output)))

        let report = try SiteBuilder.build(options(site, output))
        #expect(!report.upToDate)
        let clean = site + "/clean"
        _ = try SiteBuilder.build(options(site, clean))
        #expect(contents(output) == contents(clean))
    }

    /// The dashboard handed to the disk in pieces of 256 bytes is the page
    /// rendered whole, under the hash of the whole; over a build that holds
    /// those bytes it is not written again, and over other bytes it is replaced.
    @Test func aPageWrittenInPiecesIsThePageWhole() throws {
        let (site, output) = try site()
        let (views, theme, _) = SiteBuilder.prepare(options(site, output))
        let renderer = OutputRenderer(views: try #require(views), theme: try #require(theme), root: site)
        let file = OutputFile.page(.dashboard), path = "dashboard/index.html"
        let whole = try renderer.render(file)
        #expect(whole.count > 8 * 256)
        try Disk.createDirectory(output + "/dashboard")

        let first = try OutputFileWriter.write(file, at: path, in: output, renderer: renderer, over: nil, piece: 256)
        #expect(first.written && first.entry.hash == StableHash.of(whole) && first.entry.size == whole.count)
        #expect(try Disk.read(output + "/" + path) == whole)
        let stamp = try #require(Fingerprint(output + "/" + path))

        var previous = OutputManifest(inputs: 0, warnings: [], files: [path: first.entry])
        let same = try OutputFileWriter.write(file, at: path, in: output, renderer: renderer, over: previous, piece: 256)
        #expect(!same.written && same.entry == first.entry)
        #expect(Fingerprint(output + "/" + path) == stamp)

        previous.files[path]?.hash ^= 1
        let replaced = try OutputFileWriter.write(file, at: path, in: output, renderer: renderer, over: previous, piece: 256)
        #expect(replaced.written && replaced.entry.hash == first.entry.hash)
        #expect(try Disk.read(output + "/" + path) == whole)
        #expect(Fingerprint(output + "/" + path)?.inode != stamp.inode, "replaced by a rename")
    }

    /// A national network's manifest is written by the 64 KiB: the file holds
    /// every line, in order, across the pieces.
    @Test func aLargeManifestIsWrittenWhole() throws {
        var files: [String: OutputManifest.Entry] = [:]
        for index in 0..<5_000 { files["tutees/tutore-\(index)/index.html"] = .init(hash: UInt64(index), size: index, modified: index) }
        let warnings = (0..<2_000).map { Diagnostic.warning("W-GAP", "no session for \($0) days", at: SourceLocation(file: "content/tutees/t\($0).md")) }
        let manifest = OutputManifest(inputs: 7, warnings: warnings, files: files)
        let folder = try CareHome.copy()
        try manifest.write(to: folder + "/manifest")
        let written = try Disk.read(folder + "/manifest")
        #expect(written.count > 4 << 16)
        #expect(String(decoding: written, as: UTF8.self) == manifest.text)
        #expect(OutputManifest(text: manifest.text) == manifest)
    }

    @Test func theManifestReadsBackWhatItWrote() throws {
        let manifest = OutputManifest(inputs: 0xDEAD_BEEF_0000_0001, warnings: [
            .warning("W-GAP", "no session for 30 days\tsince « 1 oct »\nsecond line \\ done", at: SourceLocation(file: "content/tutees/a b.md", line: 7, column: 3),
                     hint: "plan one\r\n"),
            .warning("W-X", "no place", at: nil),
        ], files: [
            "tutees/é t/index.html": .init(hash: 42, size: 1000, modified: 1_795_604_779_385_386_074),
            "odd\\name\twith\ttabs.txt": .init(hash: .max, size: 0, modified: 0),
        ])
        #expect(OutputManifest(text: manifest.text) == manifest)
        #expect(OutputManifest(text: "something else\n") == nil)
        #expect(OutputManifest(text: manifest.text.replacingOccurrences(of: "file ", with: "fil ")) == nil)
    }

    @Test func theHashChangesWithAnyByteAndIsTheSameEveryTime() {
        let page = Array("<!DOCTYPE html><title>Charte</title><p>Le tuteur accompagne le tutoré.</p>".utf8)
        #expect(StableHash.of(page) == StableHash.of(Array(page)))
        var seen = Set([StableHash.of(page)])
        for index in page.indices {
            var changed = page
            changed[index] ^= 1
            seen.insert(StableHash.of(changed))
        }
        seen.insert(StableHash.of(Array(page.dropLast())))
        #expect(seen.count == page.count + 2)
        // Fixed across processes and machines, unlike Swift's Hasher: a manifest written by one run is read by the
        // next. The value was computed separately (the same rounds in Python).
        #expect(StableHash.of("tutorat") == 0x804E_AFA8_DCB1_EEF3)
        #expect(StableHash.of("tutorat tutorée") == 0xB6AA_0D31_3F2A_E6E9)
        #expect(StableHash.of(Array("tutorat".utf8)) == StableHash.of("tutorat"))
    }

    /// A page streamed to disk is hashed piece by piece: any cut, even inside a word, gives the hash of the whole.
    @Test func theHashOfPiecesIsTheHashOfTheWhole() {
        let page = Array("<!DOCTYPE html><title>Suivi</title><p>Point d’étape du tutoré, bilan à trois mois.</p>".utf8)
        let whole = StableHash.of(page)
        var cuts = 0
        for first in 0...page.count {
            for second in first...page.count where (second - first) % 5 == 0 {
                var hasher = StableHasher()
                page.withUnsafeBytes { bytes in
                    hasher.combine(UnsafeRawBufferPointer(rebasing: bytes[..<first]))
                    hasher.combine(UnsafeRawBufferPointer(rebasing: bytes[first..<second]))
                    hasher.combine(UnsafeRawBufferPointer(rebasing: bytes[second...]))
                }
                #expect(hasher.value == whole && hasher.count == page.count, "cut at \(first) and \(second)")
                cuts += 1
            }
        }
        #expect(cuts > page.count)
    }
}
