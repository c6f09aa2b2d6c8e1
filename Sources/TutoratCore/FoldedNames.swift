import Foundation

/// People's full names, folded as search folds text (case, accents and
/// punctuation aside), found in folded words by one automaton over whole
/// words: a text of n words costs O(n) steps whatever the names, however many
/// share a first or a last word ("Tutoré 1" … "Tutoré 10000" in a text saying
/// "tutoré" on every line costs what distinct names cost). The search index
/// removes the names it finds; `check` reports them where they are written on
/// a public page.
///
/// What is found is what a reader scanning the words from the left would
/// find: at each word, the first name of the list (in the order given) that
/// starts there; the words it covers are skipped, and the scan goes on after
/// them. Each name may belong to some groups (a bit each, at most 8), and a
/// search looks for the names of one group only, as if the list held them
/// alone: one automaton serves several lists of names.
///
/// How: at a position, the names that start there are prefixes of one
/// another; a name that has an earlier name of its group as a prefix can
/// never be the first to match, so it is dropped from that group, and among
/// those left the first is the longest. The longest name starting at every
/// position comes from one pass of an Aho-Corasick automaton over the words
/// read right to left (the names reversed, so a name ending where the pass
/// stands is a name starting there), with a link per group from each state to
/// its longest suffix that is a name of the group; the scan from the left then
/// takes them.
package struct FoldedNames: Sendable {
    /// For each distinct folded name, the positions in the given list of the names that fold to it.
    package private(set) var spellings: [[Int]] = []
    /// For each distinct folded name, its number of words.
    private var lengths: [Int32] = []
    /// For each distinct folded name, the groups of its spellings (a bit each).
    private var groupBits: [UInt8] = []
    /// Every word of a name, numbered.
    private var wordIDs: [Substring: Int32] = [:]
    /// The automaton over the reversed names: the root's transitions by word,
    /// the others by state and word, the failure link of each state, and per
    /// group and state the name of the group that is its longest suffix (-1: none).
    private var rootNext: [Int32] = []
    private var next: [UInt64: Int32] = [:]
    private var fail: [Int32] = [0]
    private var output: [Int32] = []
    private var states = 1
    /// The groups of each name of the given list, when given.
    private var spellingGroups: [UInt8]?

    /// Names in the order they take precedence; `groups[i]` the groups of
    /// `names[i]` (a bit each); without it every name is in group 0 alone.
    package init(_ names: [String], groups: [UInt8]? = nil) {
        spellingGroups = groups
        var position: [String: Int] = [:]
        var words: [[Int32]] = []
        /// Per group and distinct name, the position of its first spelling in the group (its precedence).
        var first: [[Int]] = Array(repeating: [], count: 8)
        for (index, name) in names.enumerated() {
            let folded = Self.fold(name)
            let bits = groups?[index] ?? 1
            guard !folded.isEmpty else { continue }
            let distinct: Int
            if let known = position[folded] {
                distinct = known
                spellings[known].append(index)
                groupBits[known] |= bits
            } else {
                distinct = words.count
                position[folded] = distinct
                var ids: [Int32] = []
                for word in folded.split(separator: " ") {
                    let id = wordIDs[word] ?? Int32(wordIDs.count)
                    wordIDs[word] = id
                    ids.append(id)
                }
                words.append(ids)
                lengths.append(Int32(ids.count))
                spellings.append([index])
                groupBits.append(bits)
                for group in 0..<8 { first[group].append(Int.max) }
            }
            for group in 0..<8 where bits & (1 << group) != 0 && first[group][distinct] == Int.max {
                first[group][distinct] = index
            }
        }
        let allBits = groupBits.reduce(0, |)
        var groupCount = 0
        while groupCount < 8 && allBits >> groupCount != 0 { groupCount += 1 }

        // A name whose prefix is an earlier name of its group is never the first to match in that group.
        var forward: [UInt64: Int32] = [:]
        var forwardName: [Int32] = [-1]
        for (name, ids) in words.enumerated() {
            var node: Int32 = 0
            for id in ids {
                let key = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
                if let child = forward[key] {
                    node = child
                } else {
                    node = Int32(forwardName.count)
                    forward[key] = node
                    forwardName.append(-1)
                }
            }
            forwardName[Int(node)] = Int32(name)
        }
        var kept = groupBits
        for (name, ids) in words.enumerated() {
            var node: Int32 = 0
            for id in ids.dropLast() {
                node = forward[UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))]!
                let prefix = Int(forwardName[Int(node)])
                guard prefix >= 0 else { continue }
                for group in 0..<groupCount where kept[name] & (1 << group) != 0 && groupBits[prefix] & (1 << group) != 0
                    && first[group][prefix] < first[group][name] {
                    kept[name] &= ~(1 << group)
                }
            }
        }

        // The reversed names in a trie, then failure links breadth first.
        rootNext = Array(repeating: -1, count: wordIDs.count)
        var terminal: [Int32] = [-1]
        var children: [[(word: Int32, state: Int32)]] = [[]]
        for (name, ids) in words.enumerated() where kept[name] != 0 {
            var state: Int32 = 0
            for id in ids.reversed() {
                if let known = transition(state, id) {
                    state = known
                    continue
                }
                let created = Int32(terminal.count)
                if state == 0 { rootNext[Int(id)] = created } else { next[UInt64(UInt32(state)) << 32 | UInt64(UInt32(id))] = created }
                children[Int(state)].append((id, created))
                terminal.append(-1)
                children.append([])
                state = created
            }
            terminal[Int(state)] = Int32(name)
        }
        states = terminal.count
        fail = Array(repeating: 0, count: states)
        output = Array(repeating: -1, count: states * groupCount)
        var queue: [Int32] = [0]
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (id, child) in children[Int(state)] {
                if state != 0 {
                    var link = fail[Int(state)]
                    while link != 0 && transition(link, id) == nil { link = fail[Int(link)] }
                    fail[Int(child)] = transition(link, id) ?? 0
                }
                let name = Int(terminal[Int(child)])
                for group in 0..<groupCount {
                    output[group * states + Int(child)] = name >= 0 && kept[name] & (1 << group) != 0
                        ? Int32(name) : output[group * states + Int(fail[Int(child)])]
                }
                queue.append(child)
            }
        }
    }

    private func transition(_ state: Int32, _ word: Int32) -> Int32? {
        if state == 0 {
            let target = rootNext[Int(word)]
            return target < 0 ? nil : target
        }
        return next[UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))]
    }

    /// The positions in the given list of the names of `group` that fold to the distinct name `name`.
    package func spellings(of name: Int, in group: Int) -> [Int] {
        guard let groups = spellingGroups else { return group == 0 ? spellings[name] : [] }
        return spellings[name].filter { groups[$0] & (1 << group) != 0 }
    }

    /// The names of `group` found in folded words, as distinct names (see
    /// `spellings`), with the words each match covers.
    package func matches(in text: [Substring], group: Int = 0) -> [(name: Int, range: Range<Int>)] {
        var work = 0
        return matches(in: text, group: group, work: &work)
    }

    /// The same, adding to `work` one for each step taken (a word looked up,
    /// a transition or failure link followed, a position read): what the tests
    /// count to show it stays in proportion to the text.
    package func matches(in text: [Substring], group: Int, work: inout Int) -> [(name: Int, range: Range<Int>)] {
        guard !text.isEmpty, states > 1, (group + 1) * states <= output.count else { return [] }
        var ids = [Int32](repeating: -1, count: text.count)
        var known = false
        for index in text.indices {
            work += 1
            if let id = wordIDs[text[index]] {
                ids[index] = id
                known = true
            }
        }
        guard known else { return [] }
        // Right to left: the longest name of the group starting at each word.
        var longest = [Int32](repeating: -1, count: text.count)
        var state: Int32 = 0
        let base = group * states
        for index in text.indices.reversed() {
            let id = ids[index]
            work += 1
            if id < 0 {
                state = 0
                continue
            }
            while true {
                if let target = transition(state, id) {
                    state = target
                    break
                }
                if state == 0 { break }
                state = fail[Int(state)]
                work += 1
            }
            longest[index] = output[base + Int(state)]
        }
        // Left to right: each name found, the words it covers skipped.
        var found: [(name: Int, range: Range<Int>)] = []
        var index = 0
        while index < text.count {
            work += 1
            let name = Int(longest[index])
            if name >= 0 {
                let end = index + Int(lengths[name])
                found.append((name, index..<end))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// Text as search compares it: decomposed, marks removed, lowercase, every run of
    /// punctuation and spaces one space, `œ` and `æ` spelt out.
    package static func fold<Text: StringProtocol>(_ text: Text) -> String {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        fold(text, into: &folded)
        return String(decoding: folded, as: UTF8.self)
    }

    /// Appends the folded words of `text` to `folded` (UTF-8), one space
    /// before each, but at the start; returns how many words it appended.
    @discardableResult
    package static func fold<Text: StringProtocol>(_ text: Text, into folded: inout [UInt8]) -> Int {
        var words = 0
        var startsWord = true
        func append(_ byte: UInt8) {
            if startsWord {
                if !folded.isEmpty { folded.append(UInt8(ascii: " ")) }
                words += 1
                startsWord = false
            }
            folded.append(byte)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII: letters and digits lowercased, anything else a separator.
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(byte + 32)
                default: startsWord = true
                }
                continue
            }
            for byte in value < UInt32(ScalarFold.table.count) ? ScalarFold.table[Int(value)] : ScalarFold.parts(scalar) {
                if byte == UInt8(ascii: " ") { startsWord = true } else { append(byte) }
            }
        }
        return words
    }
}

/// What folding makes of one Unicode scalar. Folding goes scalar by scalar
/// (a scalar's canonical decomposition, each part lowercased alone, marks
/// dropped; canonical reordering only moves marks, which go), so each
/// scalar's part is computed once, the first scripts' in a table.
enum ScalarFold {
    /// Latin, Greek, Cyrillic, Armenian and Hebrew, computed on first use.
    static let table: [[UInt8]] = (0..<0x600).map { Unicode.Scalar($0).map(parts) ?? [] }

    /// The folded parts of a scalar as UTF-8: its letters and digits
    /// lowercased (`œ` and `æ` spelt out), a space where it has anything
    /// else but a mark, nothing for a mark.
    static func parts(_ scalar: Unicode.Scalar) -> [UInt8] {
        var parts: [UInt8] = []
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                for lower in String(part).lowercased().unicodeScalars {
                    switch lower {
                    case "œ": parts += Array("oe".utf8)
                    case "æ": parts += Array("ae".utf8)
                    default: parts += Array(String(lower).utf8)
                    }
                }
            default:
                parts.append(UInt8(ascii: " "))
            }
        }
        return parts
    }
}
