import Foundation

/// People's full names, folded as search folds text (case, accents and
/// punctuation aside) and indexed by their first word, so that a text is read
/// once to find all of them, however many there are (a scan per name made
/// 10 000 tutees cost seconds). The search index removes the names it finds;
/// `check` reports them where they are written on a public page.
package struct FoldedNames {
    /// Each distinct folded name as its words.
    package private(set) var words: [[Substring]] = []
    /// For each distinct folded name, the positions in the given list of the names that fold to it.
    package private(set) var spellings: [[Int]] = []
    private var byFirstWord: [Substring: [Int]] = [:]

    package init(_ names: [String]) {
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let folded = Self.fold(name)
            guard !folded.isEmpty else { continue }
            if let known = position[folded] {
                spellings[known].append(index)
                continue
            }
            position[folded] = words.count
            let split = folded.split(separator: " ")
            byFirstWord[split[0], default: []].append(words.count)
            words.append(split)
            spellings.append([index])
        }
    }

    /// The names found in folded words, as positions in `words`, with the words each match covers.
    package func matches(in text: [Substring]) -> [(name: Int, range: Range<Int>)] {
        var found: [(Int, Range<Int>)] = []
        var index = 0
        while index < text.count {
            let candidate = byFirstWord[text[index]]?.first { name in
                let length = words[name].count
                return index + length <= text.count && text[index..<(index + length)].elementsEqual(words[name])
            }
            if let candidate {
                found.append((candidate, index..<(index + words[candidate].count)))
                index += words[candidate].count
            } else {
                index += 1
            }
        }
        return found
    }

    /// Text as search compares it: decomposed, marks removed, lowercase, every run of
    /// punctuation and spaces one space, `œ` and `æ` spelt out.
    package static func fold(_ text: String) -> String {
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
}
