import TutoratCore
import TutoratSource

/// The edited bytes of a progress file, decoded before they are written: an edit that
/// adds an error is refused with the errors it would add.
public struct CheckedEdit: Sendable {
    public var bytes: [UInt8]
    /// The errors the edit would add; empty when it may be written.
    public var newErrors: [Diagnostic]
    public var isValid: Bool { newErrors.isEmpty }
}

public enum EditCheck {
    /// Applies `insertion` to `bytes` and decodes both versions as the progress file `id`.
    public static func check(_ insertion: Insertion, in bytes: [UInt8], id: String, path: String, tutor: Bool = false) -> CheckedEdit {
        let edited = insertion.applied(to: bytes)
        let before = Set(errors(bytes, id: id, path: path, tutor: tutor).map(\.key))
        let after = errors(edited, id: id, path: path, tutor: tutor)
        return CheckedEdit(bytes: edited, newErrors: after.filter { !before.contains($0.key) })
    }

    private static func errors(_ bytes: [UInt8], id: String, path: String, tutor: Bool) -> [Diagnostic] {
        let diagnostics = tutor ? DocumentDecoder.tutor(bytes, id: id, path: path).diagnostics : DocumentDecoder.tutee(bytes, id: id, path: path).diagnostics
        return diagnostics.filter { $0.severity == .error }
    }
}

extension Diagnostic {
    /// What an error says, not where: an insertion moves the lines after it.
    fileprivate var key: String { "\(code) \(message)" }
}
