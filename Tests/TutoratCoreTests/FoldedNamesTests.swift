import Foundation
import Testing
import TutoratTestSupport
@testable import TutoratCore

/// The automaton of people's names: what it finds, and that it finds it in
/// time linear in the text whatever the names (work counted, not seconds).
@Suite struct FoldedNamesTests {
    /// What the names were found with before the automaton (names indexed by
    /// their first word, each candidate compared word by word): the reference
    /// for what is found. Returns positions in `names`.
    static func reference(_ names: [String], in text: [Substring]) -> [(name: Int, range: Range<Int>)] {
        var words: [[Substring]] = []
        var firstSpelling: [Int] = []
        var known: Set<String> = []
        var byFirstWord: [Substring: [Int]] = [:]
        for (index, name) in names.enumerated() {
            let folded = FoldedNames.fold(name)
            guard !folded.isEmpty, known.insert(folded).inserted else { continue }
            let split = folded.split(separator: " ")
            byFirstWord[split[0], default: []].append(words.count)
            words.append(split)
            firstSpelling.append(index)
        }
        var found: [(Int, Range<Int>)] = []
        var index = 0
        while index < text.count {
            let candidate = byFirstWord[text[index]]?.first { name in
                let length = words[name].count
                return index + length <= text.count && text[index..<(index + length)].elementsEqual(words[name])
            }
            if let candidate {
                found.append((firstSpelling[candidate], index..<(index + words[candidate].count)))
                index += words[candidate].count
            } else {
                index += 1
            }
        }
        return found
    }

    @Test func findsWhatTheFirstWordIndexFoundInEveryGroup() {
        var random = SeededRandom(state: 19)
        let vocabulary = ["Anne", "anne", "Bé", "be", "Chloé", "D'Arc", "d arc", "Éva"]
        for round in 0..<400 {
            let names = (0..<Int.random(in: 1...14, using: &random)).map { _ in
                (0..<Int.random(in: 1...4, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            }
            let groups = names.map { _ in UInt8.random(in: 0...3, using: &random) }
            let finder = FoldedNames(names, groups: groups)
            for _ in 0..<6 {
                let text = FoldedNames.fold((0..<Int.random(in: 0...40, using: &random)).map { _ in
                    vocabulary.randomElement(using: &random)!
                }.joined(separator: " ")).split(separator: " ")
                for group in 0..<2 {
                    let members = names.indices.filter { groups[$0] & (1 << group) != 0 }
                    let expected = Self.reference(members.map { names[$0] }, in: text).map { (members[$0.name], $0.range) }
                    let found = finder.matches(in: text, group: group).map { (finder.spellings(of: $0.name, in: group)[0], $0.range) }
                    #expect(found.map(\.0) == expected.map(\.0) && found.map(\.1) == expected.map(\.1),
                            "round \(round), group \(group): \(names) \(groups) in \(text)")
                }
            }
        }
    }

    /// How text was folded before the table of scalars: the whole text decomposed, then each scalar.
    static func referenceFold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                if pendingSpace, !folded.isEmpty { folded.append(" ") }
                pendingSpace = false
                folded.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            default:
                pendingSpace = true
            }
        }
        return String(folded).replacing("œ", with: "oe").replacing("æ", with: "ae")
    }

    @Test func foldsAsTheWholeTextDecomposedDid() {
        #expect(FoldedNames.fold("  L’Œuvre d'ÆLFRIC — Ǆemal, ΣΊΣΥΦΟΣ; 한국 İstanbul ﬁn ½ Ω Å ") == Self.referenceFold("  L’Œuvre d'ÆLFRIC — Ǆemal, ΣΊΣΥΦΟΣ; 한국 İstanbul ﬁn ½ Ω Å "))
        var random = SeededRandom(state: 7)
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x24F, 0x300...0x36F, 0x370...0x5FF, 0x1E00...0x1FFF, 0x2000...0x218F, 0xAC00...0xAC40, 0xFB00...0xFB4F]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                if let scalar = Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &random)!, using: &random)) { text.append(scalar) }
            }
            let string = String(text)
            #expect(FoldedNames.fold(string) == Self.referenceFold(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func theFirstNameListedWinsWhereSeveralStart() {
        let text = FoldedNames.fold("Marie Curie Jean et Marie").split(separator: " ")
        #expect(FoldedNames(["Marie", "Marie Curie"]).matches(in: text).map(\.range) == [0..<1, 4..<5])
        #expect(FoldedNames(["Marie Curie", "Marie"]).matches(in: text).map(\.range) == [0..<2, 4..<5])
        #expect(FoldedNames(["Marie Curie", "Curie Jean"]).matches(in: text).map(\.name) == [0])
        #expect(FoldedNames(["Curie Jean", "Marie Curie"]).matches(in: text).map(\.name) == [1], "the leftmost start first")
    }

    /// The work to find names in `text`, counted by the automaton.
    static func work(_ names: [String], _ text: String) -> (work: Int, words: Int, found: Int) {
        let finder = FoldedNames(names)
        let words = FoldedNames.fold(text).split(separator: " ")
        var work = 0
        let found = finder.matches(in: words, group: 0, work: &work)
        return (work, words.count, found.count)
    }

    @Test func workStaysInProportionToTheTextWhateverTheNames() {
        // A French tutoring site: every tutee is "Tutoré N", and texts say "tutoré" on every line.
        let text = String(repeating: "Le tutoré a progressé ; le tutoré 12 revoit les protocoles avec Tutoré 9999, puis tutoré tutoré. ", count: 1_000)
        let shared = Self.work((0..<10_000).map { "Tutoré \($0)" }, text)
        let sharedLast = Self.work((0..<10_000).map { "Prénom\($0) Tutoré" }, text)
        let distinct = Self.work((0..<10_000).map { "Prénom\($0) Nom\($0)" }, text)
        #expect(shared.found == 2_000 && sharedLast.found == 0 && distinct.found == 0)
        for (label, figure) in [("a shared first word", shared), ("a shared last word", sharedLast), ("distinct names", distinct)] {
            #expect(figure.work <= 4 * figure.words, "\(label): \(figure.work) steps for \(figure.words) words")
        }
        #expect(shared.work <= 4 * distinct.work && sharedLast.work <= 4 * distinct.work)

        // Names that are prefixes of one another, the longest first (so none is dropped), in a text of that word alone.
        let nested = Self.work((1...200).reversed().map { String(repeating: "Anne ", count: $0) }, String(repeating: "anne ", count: 20_000))
        #expect(nested.found == 100 && nested.work <= 4 * nested.words, "\(nested.work) steps for \(nested.words) words")
    }
}
