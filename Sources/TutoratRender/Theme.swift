import TutoratCore
import TutoratMustache
import TutoratViews

/// A theme's templates compiled once, ready to render any page from any thread.
/// The caller reads the files (this module never touches the disk) and hands
/// over their text by name: `tutee` for `templates/tutee.mustache`.
public struct Theme: Sendable {
    let library: [String: CompiledTemplate]

    /// Compiles every template; a syntax error is a diagnostic on the template file.
    /// - Parameters:
    ///   - templates: name to (path for diagnostics, text).
    ///   - previous: the theme compiled before and the texts it was compiled
    ///     from: a template whose text is the same is taken from it rather than
    ///     compiled again (serve, after the save of one template).
    public static func compile(_ templates: [String: (path: String, text: String)],
                               reusing previous: (theme: Theme, texts: [String: String])? = nil) -> (theme: Theme?, diagnostics: [Diagnostic]) {
        var library: [String: CompiledTemplate] = [:]
        var diagnostics: [Diagnostic] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            if let previous, previous.texts[name] == template.text, let compiled = previous.theme.library[name] {
                library[name] = compiled
                continue
            }
            do {
                library[name] = try TemplateParser.compile(template.text)
            } catch {
                diagnostics.append(.error("E-TEMPLATE", "template error: \(error.message)",
                                          at: SourceLocation(file: template.path, line: error.line, column: error.column)))
            }
        }
        for name in Route.templates where templates[name] == nil {
            diagnostics.append(.error("E-TEMPLATE", "the theme has no template '\(name).mustache'", at: nil,
                                      hint: "copy it from themes/default/templates/"))
        }
        return (diagnostics.hasErrors ? nil : Theme(library: library), diagnostics)
    }

    /// The page as UTF-8 HTML; nil only when the template does not exist.
    /// With a `piece` size, each time that many bytes are rendered they go to
    /// `spill` and only the rest is returned: a page of 100 000 rows is never whole in memory.
    public func render(_ page: PageView, template: String, piece: Int = .max,
                       spill: (UnsafeRawBufferPointer) -> Void = { _ in }) -> [UInt8]? {
        render(page.templateValue, template: template, piece: piece, spill: spill)
    }

    /// `sitemap.xml` or `robots.txt`, through the theme's templates of those names.
    public func render(_ files: MachineFilesView, template: String, piece: Int = .max,
                       spill: (UnsafeRawBufferPointer) -> Void = { _ in }) -> [UInt8]? {
        render(files.templateValue, template: template, piece: piece, spill: spill)
    }

    func render(_ object: TemplateValue, template: String, piece: Int = .max,
                spill: (UnsafeRawBufferPointer) -> Void = { _ in }) -> [UInt8]? {
        guard let compiled = library[template] else { return nil }
        // Most pages are tens of kilobytes: one allocation instead of a dozen regrowths.
        var renderer = TemplateRenderer(library: library, capacity: 64 * 1024)
        return renderer.render(compiled, object: object, piece: piece, spill: spill)
    }
}
