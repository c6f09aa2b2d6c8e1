/// The free text of a record in a progress file: an objective's title, a
/// session's summary, an assessment's note. Once the file is decoded, all its
/// record texts are packed into one buffer (`Tutee.packRecordTexts`): a
/// national site holds millions of them, and as strings of their own each cost
/// an allocation and its overhead, a tenth of the model's memory. Read as a
/// `String` through the record's property, made when a page asks.
/// Sendable: its buffer is written once, before any record holds it, then only read.
public struct RecordText: @unchecked Sendable {
    private let buffer: TextBuffer
    private let start: Int32
    private let count: Int32

    public init(_ text: String) {
        var text = text
        let count = text.utf8.count
        buffer = TextBuffer.make(count) { destination in
            text.withUTF8 { source in
                if let from = source.baseAddress { destination.baseAddress!.initialize(from: from, count: source.count) }
            }
        }
        (start, self.count) = (0, Int32(count))
    }

    private init(buffer: TextBuffer, start: Int, count: Int) {
        (self.buffer, self.start, self.count) = (buffer, Int32(start), Int32(count))
    }

    public var string: String {
        buffer.withUnsafeMutablePointerToElements { String(decoding: UnsafeBufferPointer(start: $0 + Int(start), count: Int(count)), as: UTF8.self) }
    }

    var utf8Count: Int { Int(count) }

    /// The buffer the text is in, for tests that texts share one.
    var bufferIdentity: ObjectIdentifier { ObjectIdentifier(buffer) }

    /// Replaces each text `visit` hands over with the same text in one buffer for all.
    static func pack(_ visit: (_ each: (inout RecordText?) -> Void) -> Void) {
        var total = 0
        visit { text in total += text?.utf8Count ?? 0 }
        // An offset is 32 bits: a file with more text than that keeps a buffer per text.
        guard total > 0, total <= Int(Int32.max) else { return }
        let packed = TextBuffer.make(total)  // written as the texts are moved in
        var offset = 0
        packed.withUnsafeMutablePointerToElements { destination in
            visit { text in
                guard let old = text else { return }
                old.buffer.withUnsafeMutablePointerToElements { source in
                    (destination + offset).initialize(from: source + Int(old.start), count: old.utf8Count)
                }
                text = RecordText(buffer: packed, start: offset, count: old.utf8Count)
                offset += old.utf8Count
            }
        }
    }
}

/// An optional free text of a record, kept as a `RecordText`; `$name` is the
/// stored text, for packing.
@propertyWrapper public struct PackedText: Sendable {
    public var projectedValue: RecordText?

    public var wrappedValue: String? {
        get { projectedValue?.string }
        set { projectedValue = newValue.map(RecordText.init) }
    }

    public init(wrappedValue: String?) {
        projectedValue = wrappedValue.map(RecordText.init)
    }
}

/// UTF-8 bytes in the same allocation as the object: written once, before any text points into it, then only read.
private final class TextBuffer: ManagedBuffer<Int, UInt8> {
    static func make(_ count: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Void = { _ in }) -> TextBuffer {
        let buffer = create(minimumCapacity: count) { _ in count } as! TextBuffer
        buffer.withUnsafeMutablePointerToElements { write(UnsafeMutableBufferPointer(start: $0, count: count)) }
        return buffer
    }
}

extension Tutee {
    /// Packs the free texts of the tutee's records into one buffer (see `RecordText`).
    public mutating func packRecordTexts() {
        RecordText.pack { each in
            for index in objectives.indices {
                var title: RecordText? = objectives[index].storedTitle
                each(&title)
                objectives[index].storedTitle = title!
            }
            for record in competencies.indices {
                for index in competencies[record].assessments.indices { each(&competencies[record].assessments[index].$note) }
            }
            for index in sessions.indices { each(&sessions[index].$summary) }
            for index in evaluations.indices {
                each(&evaluations[index].$summary)
                each(&evaluations[index].$outcome)
            }
            for index in liaison.indices { each(&liaison[index].$summary) }
        }
    }
}
