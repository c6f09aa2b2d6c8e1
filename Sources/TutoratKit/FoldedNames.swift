/// People's full names, folded as search folds text (case, accents and
/// punctuation aside) and indexed by their first word, so that a text is read
/// once to find all of them, however many there are (a scan per name made
/// 10 000 tutees cost seconds). The search index removes the names it finds;
/// `check` reports them where they are written on a public page.
struct FoldedNames {
    /// Each distinct folded name as its words.
    private(set) var words: [[Substring]] = []
    /// For each distinct folded name, the positions in the given list of the names that fold to it.
    private(set) var spellings: [[Int]] = []
    private var byFirstWord: [Substring: [Int]] = [:]

    init(_ names: [String]) {
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let folded = SearchIndex.fold(name)
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
    func matches(in text: [Substring]) -> [(name: Int, range: Range<Int>)] {
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
}
