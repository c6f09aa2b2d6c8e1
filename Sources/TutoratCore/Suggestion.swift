/// "Did you mean ...?" for ids and field names: the closest candidate within a
/// small edit distance, or nothing when no candidate is plausibly a typo.
public enum Suggestion {
    public static func closest<C: Collection>(to word: String, among candidates: C, maxDistance: Int = 2) -> String?
    where C.Element == String {
        let target = Array(word.unicodeScalars)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            if abs(scalars.count - target.count) > maxDistance { continue }
            let distance = editDistance(target, scalars, limit: maxDistance)
            guard distance <= maxDistance else { continue }
            // Ties go to the alphabetically first candidate, so the hint is stable.
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.candidate) {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance, cut short once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = Swift.min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
