/// Renders compiled templates into bytes. One renderer per page: it owns the
/// output buffer and the context stack, pushed and popped in place.
package struct TemplateRenderer {
    package let library: [String: CompiledTemplate]
    private let buffer: ByteBuffer
    package var output: [UInt8] { buffer.bytes }
    private var stack: [TemplateValue] = []
    /// Where rendering is: the position in the list being iterated, the
    /// indentation of enclosing standalone partials, and the blocks a parent
    /// template was given. Set and restored around each section and partial
    /// rather than passed down, so descending costs no copies.
    private var position: (first: Bool, last: Bool, index: Int)?
    private var indentation: [UInt8] = []
    private var overrides: [String: CompiledTemplate]?
    /// Where the output goes once it holds `piece` bytes, for a page too large
    /// to hold whole (the dashboard of 100 000 tutees runs to 160 MB); what is
    /// left at the end stays in `output`.
    private var spill: ((UnsafeRawBufferPointer) -> Void)?
    private var piece = Int.max

    package init(library: [String: CompiledTemplate], capacity: Int) {
        self.library = library
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Renders handing the output to `spill` whenever it holds `piece` bytes,
    /// between the elements of a list; returns what is left after the last one.
    package mutating func render(_ template: CompiledTemplate, object: TemplateValue, piece: Int,
                                 spill: (UnsafeRawBufferPointer) -> Void) -> [UInt8] {
        withoutActuallyEscaping(spill) { spill in
            self.spill = spill
            self.piece = piece
            render(template, object: object)
            self.spill = nil
            self.piece = .max
        }
        return output
    }

    package mutating func render(_ template: CompiledTemplate, object: TemplateValue) {
        stack = [object]
        render(template)
    }

    private mutating func render(_ template: CompiledTemplate) {
        let nodes = template.plan
        guard !indentation.isEmpty else {
            for index in nodes.indices { render(nodes[index]) }
            return
        }
        // Inside an indented partial, output that starts a new line gets the
        // indentation, decided node by node as swift-mustache does.
        let start = buffer.count
        for index in nodes.indices {
            let before = buffer.count
            render(nodes[index])
            if buffer.count > before, before > start, buffer[before - 1] == 0x0A, !(before - 2 >= start && buffer[before - 2] == 0x0D) {
                buffer.insert(indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: RenderNode) {
        switch node {
        case .text(let bytes):
            buffer.append(bytes)
        case .variable(let unmanaged):
            // Not counted: the template keeps the tag alive for as long as it renders.
            unowned(unsafe) let tag = unmanaged.takeUnretainedValue()
            write(value(tag.path), escaped: tag.escaped)
        case .section(let unmanaged):
            unowned(unsafe) let tag = unmanaged.takeUnretainedValue()
            let value = value(tag.path)
            if tag.inverted { renderInverted(value, tag.body) } else { renderSection(value, tag.body) }
        case .partial(let unmanaged):
            let tag = unmanaged.takeUnretainedValue()
            guard let template = library[tag.name] else { return }
            let saved = (position, indentation, overrides)
            position = nil
            if let extra = tag.indentation { indentation += extra }
            if let inherited = tag.overrides {
                // The outer template's blocks win over the parent's own overrides.
                overrides = overrides?.merging(inherited) { outer, _ in outer } ?? inherited
            }
            render(template)
            (position, indentation, overrides) = saved
        case .block(let unmanaged):
            let tag = unmanaged.takeUnretainedValue()
            let saved = (position, indentation)
            position = nil
            indentation += tag.indentation
            render(overrides?[tag.name] ?? tag.fallback)
            (position, indentation) = saved
        case .nothing:
            break
        }
    }

    private mutating func renderSection(_ value: TemplateValue, _ body: CompiledTemplate) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(body) }
        case .list(let box):
            let count = box.count
            let saved = position
            for index in 0..<count {
                position = (index == 0, index == count - 1, index)
                stack.append(box.list.templateElement(index))
                render(body)
                stack.removeLast()
                // Inside an indented partial, output already written may still take indentation: kept until it ends.
                if buffer.count >= piece, indentation.isEmpty, let spill {
                    buffer.withUnsafeBytes(spill)
                    buffer.removeAll()
                }
            }
            position = saved
        default:
            render(body, on: value)
        }
    }

    /// A section over one object: it becomes the top of the stack, outside any list.
    private mutating func render(_ body: CompiledTemplate, on value: TemplateValue) {
        let saved = position
        position = nil
        stack.append(value)
        render(body)
        stack.removeLast()
        position = saved
    }

    private mutating func renderInverted(_ value: TemplateValue, _ body: CompiledTemplate) {
        switch value {
        case .null:
            render(body)
        case .bool(let flag):
            if !flag { render(body) }
        case .list(let box):
            if box.count == 0 { render(body, on: value) }
        default:
            return
        }
    }

    // MARK: Lookup

    private func value(_ path: TemplatePath) -> TemplateValue {
        // The common case, `{{name}}`: one name looked up the stack, nothing applied.
        if let single = path.single { return lookUp(single) }
        var value: TemplateValue
        var transforms = path.transforms[...]
        switch path.start {
        case .current:
            value = stack[stack.count - 1]
        case .currentOnly:
            value = descend(stack[stack.count - 1], path.names[...])
        case .position:
            guard let position, let first = transforms.popFirst() else { return .null }
            switch first {
            case "first": value = .bool(position.first)
            case "last": value = .bool(position.last)
            case "index": value = .number(position.index)
            case "even": value = .bool(position.index & 1 == 0)
            case "odd": value = .bool(position.index & 1 == 1)
            default: return .null
            }
        case .stack:
            value = descend(lookUp(path.names[0]), path.names.dropFirst())
        }
        for transform in transforms {
            if case .null = value { return .null }
            value = Self.apply(transform, to: value)
        }
        return value
    }

    /// The first object up the stack that has a field of this name, and that field.
    private func lookUp(_ name: TemplateName) -> TemplateValue {
        var level = stack.count - 1
        while level >= 0 {
            let child = Self.child(stack[level], name)
            if case .null = child {} else { return child }
            level -= 1
        }
        return .null
    }

    private func descend(_ object: TemplateValue, _ names: ArraySlice<TemplateName>) -> TemplateValue {
        var value = object
        for name in names {
            value = Self.child(value, name)
            if case .null = value { return .null }
        }
        return value
    }

    private static func child(_ object: TemplateValue, _ name: TemplateName) -> TemplateValue {
        if case .object(let box) = object { return box.object.templateValue(name) }
        return .null
    }

    /// swift-mustache's transforms, by the type they apply to.
    private static func apply(_ transform: String, to value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let box):
            switch transform {
            case "first": return box.count > 0 ? box.list.templateElement(0) : .null
            case "last": return box.count > 0 ? box.list.templateElement(box.count - 1) : .null
            case "count": return .number(box.count)
            case "empty": return .bool(box.count == 0)
            case "reversed": return .list(TemplateListBox(ReversedTemplateList(base: box.list)))
            default: return .null
            }
        case .text(let text):
            switch transform {
            case "empty": return .bool(text.isEmpty)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return .null
            }
        case .number(let number):
            switch transform {
            case "equalzero": return .bool(number == 0)
            case "plusone": return .number(number + 1)
            case "minusone": return .number(number - 1)
            case "even": return .bool(number & 1 == 0)
            case "odd": return .bool(number & 1 == 1)
            default: return .null
            }
        default:
            return .null
        }
    }

    // MARK: Output

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { buffer.appendEscaped(text) } else { buffer.append(text) }
        case .number(let number):
            buffer.append(String(number))
        case .bool(let flag):
            buffer.append(flag ? "true" : "false")
        case .null, .list, .object:
            // swift-mustache prints a Swift debug description here; no theme wants that.
            return
        }
    }
}
