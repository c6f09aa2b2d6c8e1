/// A node to render: a trivial value, copied without touching a reference count.
enum RenderNode: @unchecked Sendable {
    case text(UnsafeRawBufferPointer)
    case variable(Unmanaged<VariableTag>)
    case section(Unmanaged<SectionTag>)
    case partial(Unmanaged<PartialTag>)
    case block(Unmanaged<BlockTag>)
    /// A block definition: read by its parent while parsing, renders nothing.
    case nothing
}

/// A template's literal text in one allocation that never moves nor changes.
final class TextStorage: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private var used = 0

    init(_ capacity: Int) { base = .allocate(byteCount: max(capacity, 1), alignment: 1) }
    deinit { base.deallocate() }

    /// Copies `bytes` in (while the template is being made, never after).
    func store(_ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        let start = base + used
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        used += bytes.count
        return UnsafeRawBufferPointer(start: start, count: bytes.count)
    }
}
